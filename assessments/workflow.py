"""Recording an assessment cycle's status change.

Which moves exist, and who may make them, is `assessments.policies`. `cycle_transition` is
the only code that changes a cycle's status: it refuses a move the policy does not list
with a `DomainError`, and writes an immutable `CycleStatusChange`.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import AssessmentCycle, CycleStatus, CycleStatusChange
from assessments.policies import MOVES
from trauma_wales.errors import DomainError

REFUSED = _("This assessment cannot move from “%(from)s” to “%(to)s”.")


def cycle_lock(cycle: AssessmentCycle) -> AssessmentCycle:
    """The cycle's row, fresh and locked until the caller's transaction ends."""
    return AssessmentCycle.objects.select_for_update().get(pk=cycle.pk)


def cycle_transition(
    *, cycle: AssessmentCycle, to_status: str, actor, reason: str = ""
) -> CycleStatusChange:
    """Move the cycle to `to_status`; the caller holds a row lock and a transaction."""
    if (cycle.status, to_status) not in MOVES:
        raise DomainError(
            REFUSED % {"from": CycleStatus(cycle.status).label, "to": CycleStatus(to_status).label}
        )
    change = CycleStatusChange.objects.create(
        cycle=cycle, from_status=cycle.status, to_status=to_status, actor=actor, reason=reason
    )
    cycle.status = to_status
    if to_status == CycleStatus.SUBMITTED:
        cycle.submitted_at, cycle.submitted_by = timezone.now(), actor
    else:
        cycle.submitted_at, cycle.submitted_by = None, None
    cycle.save(update_fields=["status", "submitted_at", "submitted_by"])
    return change
