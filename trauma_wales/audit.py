"""Write audit entries from services (never from signals): who did what, to what, when."""

from typing import Any

from django.db import models

from trauma_wales.models import AuditEntry


def audit_record(
    *,
    action: str,
    actor=None,
    organisation=None,
    target: models.Model | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation=organisation,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        details=details or {},
    )
