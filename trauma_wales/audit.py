"""Write audit entries from services (never from signals): who did what, to what, when.

The names of the person and the organisation are copied onto the entry, so it still reads
after either is deleted.
"""

from typing import Any

from django.db import models

from trauma_wales.models import LABEL_MAX_LENGTH, AuditEntry


def _person_name(actor) -> str:
    return (getattr(actor, "full_name", "") or getattr(actor, "email", ""))[:LABEL_MAX_LENGTH]


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
        actor_name=_person_name(actor) if actor is not None else "",
        organisation=organisation,
        organisation_name=organisation.name[:LABEL_MAX_LENGTH] if organisation else "",
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        details=details or {},
    )
