"""Save the working group's reflections on one domain area of a cycle.

A reflection is written by one lead and read back by another, often in the same week, so
it carries a version like every edited thing (trauma_wales.versions): a page opened before
someone else saved it is refused with what is saved now. The first save of a domain's
reflection creates it; a page opened before that first save carries no version, and is
refused if someone has written it since.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from assessments.hooks import reflection_saved
from assessments.models import AssessmentCycle, DomainReflection
from assessments.models.reflections import REFLECTION_FIELDS, REFLECTION_MAX_LENGTH
from assessments.policies import CycleStep, cycle_step_check
from assessments.workflow import cycle_lock
from framework.models import Domain
from organisations.selectors import role_of
from trauma_wales.audit import audit_record, changes
from trauma_wales.errors import DomainError
from trauma_wales.versions import VERSION_FIELDS, StaleEdit, version_claim, version_stamp

REFLECTION_CHANGED = _(
    "Someone saved these reflections after you opened this page. What is saved now is "
    "shown below, and your changes are still in the form: check both and save again."
)
NOT_THIS_CYCLE = _("Choose one of this assessment's domain areas.")
TOO_LONG = _("Each answer must be %(limit)d characters or fewer.")


def domain_reflection_save(
    *,
    cycle: AssessmentCycle,
    domain: Domain,
    texts: dict[str, str],
    actor,
    expected_version: int | None = None,
) -> DomainReflection:
    """Save `texts` (proud, learned, heard) as the group's reflection on `domain`, over
    what was saved at `expected_version` when the page was opened (None: not written
    yet)."""
    cycle_step_check(cycle, role_of(actor, cycle.organisation_id), CycleStep.REFLECT)
    if domain.framework_id != cycle.framework_id or not domain.is_active:
        raise DomainError(NOT_THIS_CYCLE)
    values = {name: (texts.get(name) or "").strip() for name in REFLECTION_FIELDS}
    if any(len(text) > REFLECTION_MAX_LENGTH for text in values.values()):
        raise DomainError(TOO_LONG % {"limit": REFLECTION_MAX_LENGTH})
    with transaction.atomic():
        cycle_lock(cycle)  # the first save creates the row: two cannot both create it
        reflection = (
            DomainReflection.objects.select_for_update().filter(cycle=cycle, domain=domain).first()
        )
        if reflection is None:
            before = dict.fromkeys(REFLECTION_FIELDS, "")
            reflection = DomainReflection(cycle=cycle, domain=domain, **values)
            version_stamp(reflection, actor=actor)
            reflection.save()
        else:
            if expected_version is None:
                raise StaleEdit(reflection, REFLECTION_CHANGED)
            version_claim(
                reflection, expected=expected_version, actor=actor, message=REFLECTION_CHANGED
            )
            before = {name: getattr(reflection, name) for name in REFLECTION_FIELDS}
            for name, text in values.items():
                setattr(reflection, name, text)
            reflection.save(update_fields=[*REFLECTION_FIELDS, *VERSION_FIELDS])
        changed = changes(before, values)
        if changed:
            audit_record(
                action="reflection.saved",
                actor=actor,
                organisation=cycle.organisation,
                target=cycle,
                details={"cycle": cycle.name, "domain": domain.code, "changed": changed},
            )
            reflection_saved(cycle=cycle)
    return reflection
