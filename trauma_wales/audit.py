"""Write audit entries from services (never from model signals): who did what, to what,
when, and what it was before.

Every change to an organisation's data goes through a service, and each service records
one entry with a stable action code ("action.updated") and small `details`: for an edit,
`{"changed": {field: [before, after]}}` from `changes()`; for something created or removed,
the values that name it. Details never hold passwords or tokens, and long text is cut to
`TEXT_LIMIT` characters, so an entry stays small. The names of the person and the
organisation are copied onto the entry, so it still reads after either is deleted.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from trauma_wales.models import LABEL_MAX_LENGTH, AuditEntry

TEXT_LIMIT = 200
ELLIPSIS = "…"


def audit_text(value: str, limit: int = TEXT_LIMIT) -> str:
    """Typed text as an entry keeps it: at most `limit` characters."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def audit_value(value: Any) -> Any:
    """A value as JSON keeps it in an entry: dates as ISO text, text cut short, choices and
    other objects as their stored value or text, collections as sorted lists."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str):  # TextChoices members too: their value
        return audit_text(str(value))
    if isinstance(value, Mapping):
        return {str(k): audit_value(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return sorted((audit_value(v) for v in value), key=str)
    return audit_text(str(value))


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list]:
    """`{field: [before, after]}` for each field of `after` whose value differs from
    `before` (a field missing from `before` counts as empty)."""
    found = {}
    for field, new in after.items():
        old_value, new_value = audit_value(before.get(field)), audit_value(new)
        if old_value != new_value:
            found[field] = [old_value, new_value]
    return found


def audit_person(user) -> str:
    """How an entry names a person: their name, or their email when they gave none."""
    return (getattr(user, "full_name", "") or getattr(user, "email", ""))[:LABEL_MAX_LENGTH]


def audit_record(
    *,
    action: str,
    actor=None,
    organisation=None,
    target: models.Model | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_name=audit_person(actor) if actor is not None else "",
        organisation=organisation,
        organisation_name=organisation.name[:LABEL_MAX_LENGTH] if organisation else "",
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        details=details or {},
    )
