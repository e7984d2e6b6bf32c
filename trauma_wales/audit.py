"""Write audit entries from services (never from model signals): who did what, to what,
when, and what it was before.

Every change to an organisation's data goes through a service, and each service records
one entry with a stable action code ("action.updated") and small `details`: for an edit,
`{"changed": {field: [before, after]}}` from `changes()`; for something created or removed,
the values that name it. Details never hold passwords or tokens, and long text is cut to
`TEXT_LIMIT` characters, so an entry stays small. The names of the person and the
organisation are copied onto the entry, so it still reads after either is deleted.
An entry that records someone reading rather than changing (a download, an export) has a
code ending in ".downloaded" or ".exported": kept pages do not rebuild for it
(trauma_wales.kept).

When a person closes their account, `audit_redact_person` takes their name and address out
of the entries others keep; the database allows that change and no other (docs/adr/0014).
"""

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from trauma_wales.models import LABEL_MAX_LENGTH, AuditEntry, AuditRedaction

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


def _redacted(value: Any, names: frozenset[str]) -> Any:
    """`value` with every text that is exactly one of `names` (any case) made None."""
    if isinstance(value, str):
        return None if value.casefold() in names else value
    if isinstance(value, Mapping):
        return {key: _redacted(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [_redacted(item, names) for item in value]
    return value


def audit_redact_person(*, person_id: int, names: Iterable[str], reason: str) -> int:
    """Take a person out of every audit entry: the entries they made keep their id but lose
    their name, and any detail that is exactly one of `names` (their name, their email
    address) becomes empty, which the history reads as "a former member". Each changed
    entry gets a redaction row first: without it the database refuses the change.
    Returns how many entries changed."""
    folded = frozenset(name.casefold() for name in names if name)
    mentions = Q(actor_id=person_id)
    for name in names:
        if name:  # as PostgreSQL prints JSON, and as Django writes it for SQLite (escaped)
            mentions |= Q(details_text__icontains=name)
            mentions |= Q(details_text__icontains=json.dumps(name)[1:-1])
    candidates = AuditEntry.objects.annotate(details_text=Cast("details", TextField()))
    changed = 0
    for entry in candidates.filter(mentions).order_by("id").iterator():
        actor_name = "" if entry.actor_id == person_id else entry.actor_name
        details = _redacted(entry.details, folded)
        if actor_name == entry.actor_name and details == entry.details:
            continue
        AuditRedaction.objects.create(
            entry_id=entry.pk, actor_name=actor_name, details=details, reason=reason
        )
        AuditEntry._base_manager.filter(pk=entry.pk).update(actor_name=actor_name, details=details)
        changed += 1
    return changed
