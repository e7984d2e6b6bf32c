"""Case studies shared in a network: a lead of an organisation that has joined publishes
what changed, for which indicator, and what helped; a coordinator highlights one (or
stops highlighting it) so that every member reads it first. Each step is checked against
networks.policies and recorded in the organisation's history."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from assessments.models import Indicator
from framework.models import FrameworkVersion
from networks.models import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, CaseStudy, NetworkMembership
from networks.policies import (
    CoordinatorStep,
    MembershipStep,
    coordinator_step_check,
    membership_step_check,
)
from networks.selectors.networks import is_coordinator
from organisations.selectors import role_of
from trauma_wales.audit import audit_record
from trauma_wales.errors import DomainError

TITLE_NEEDED = _("Enter a title for the case study")
TITLE_TOO_LONG = _("The title must be %(limit_value)d characters or fewer")
CHANGED_NEEDED = _("Enter what changed")
CHANGED_TOO_LONG = _("What changed must be %(limit_value)d characters or fewer")
HELPED_NEEDED = _("Enter what helped")
HELPED_TOO_LONG = _("What helped must be %(limit_value)d characters or fewer")
INDICATOR_NOT_CURRENT = _(
    "Choose an indicator from the current framework: the one you chose is no longer in it"
)

# What each text must be, by field: the message when it is empty, its limit, and the
# message when it goes over it (the publish form uses the same messages).
TEXTS = {
    "title": (TITLE_NEEDED, TITLE_MAX_LENGTH, TITLE_TOO_LONG),
    "what_changed": (CHANGED_NEEDED, TEXT_MAX_LENGTH, CHANGED_TOO_LONG),
    "what_helped": (HELPED_NEEDED, TEXT_MAX_LENGTH, HELPED_TOO_LONG),
}


def _checked_texts(**texts: str) -> dict[str, str]:
    """The texts stripped, or a `DomainError` on the first that is empty or too long."""
    checked = {}
    for field, text in texts.items():
        needed, limit, too_long = TEXTS[field]
        value = (text or "").strip()
        if not value:
            raise DomainError(needed, field=field)
        if len(value) > limit:
            raise DomainError(str(too_long) % {"limit_value": limit}, field=field)
        checked[field] = value
    return checked


def _indicator_check(indicator: Indicator) -> None:
    """A case study is about one of the current framework's active indicators."""
    current = FrameworkVersion.objects.current()
    if (
        current is None
        or not Indicator.objects.filter(pk=indicator.pk, framework=current, is_active=True).exists()
    ):
        raise DomainError(INDICATOR_NOT_CURRENT, field="indicator")


def case_study_publish(
    *, membership: NetworkMembership, actor, title: str, indicator: Indicator,
    what_changed: str, what_helped: str, named: bool,
) -> CaseStudy:  # fmt: skip
    """Publish a case study to the membership's network, in the organisation's name only
    if `named`."""
    with transaction.atomic():
        membership = (
            NetworkMembership.objects.select_related("network", "organisation")
            .select_for_update(of=("self",))
            .get(pk=membership.pk)
        )
        membership_step_check(
            membership, role_of(actor, membership.organisation_id), MembershipStep.PUBLISH
        )
        texts = _checked_texts(title=title, what_changed=what_changed, what_helped=what_helped)
        _indicator_check(indicator)
        case_study = CaseStudy.objects.create(
            network=membership.network, organisation=membership.organisation, author=actor,
            indicator=indicator, named=bool(named), **texts,
        )  # fmt: skip
        audit_record(
            action="case_study.published", actor=actor, organisation=membership.organisation,
            target=case_study,
            details={**membership.network.audit_details(), "title": case_study.title},
        )  # fmt: skip
    return case_study


def case_study_highlight(*, case_study: CaseStudy, actor, highlighted: bool) -> CaseStudy:
    """Highlight the case study for every member of its network, or stop highlighting it.
    A choice that changes nothing records nothing."""
    with transaction.atomic():
        case_study = (
            CaseStudy.objects.select_related("network", "organisation")
            .select_for_update(of=("self",))
            .get(pk=case_study.pk)
        )
        coordinator_step_check(is_coordinator(actor, case_study.network), CoordinatorStep.HIGHLIGHT)
        if case_study.highlighted == highlighted:
            return case_study
        case_study.highlighted = highlighted
        case_study.save(update_fields=["highlighted"])
        audit_record(
            action="case_study.highlighted", actor=actor, organisation=case_study.organisation,
            target=case_study,
            details={
                **case_study.network.audit_details(),
                "title": case_study.title,
                "highlighted": highlighted,
            },
        )  # fmt: skip
    return case_study
