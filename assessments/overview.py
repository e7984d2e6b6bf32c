"""The assessments section of an organisation's overview, and the next step it offers:
start the first assessment or carry on with the one in progress (a lead), or give your
views on it (someone the lead asked)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from assessments import policies
from assessments.models import CycleContributor, CycleStatus
from assessments.selectors.cycles import cycles_at_a_glance
from organisations.hooks import WAITING_ON_YOU, YOUR_WORK, NextStep
from trauma_wales.permissions import Capability, role_can


def assessments_section(*, organisation, membership) -> dict:
    glance = cycles_at_a_glance(organisation=organisation)
    return {
        "cycles": glance,
        "can_start": policies.cycle_can_start(membership.role) and glance.current_cycle is None,
        "next_step": _next_step(organisation, membership, glance),
    }


def _next_step(organisation, membership, glance) -> NextStep | None:
    current, role = glance.current_cycle, membership.role
    if current is None:
        if glance.latest_submitted is None and policies.cycle_can_start(role):
            return NextStep(
                YOUR_WORK,
                _("Start your first assessment"),
                reverse("assessments:start", args=[organisation.slug]),
                _("Begin with the readiness questions. You can stop and come back at any time."),
            )
        return None
    hub = reverse("assessments:hub", args=[organisation.slug, current.pk])
    if role_can(role, Capability.RUN_ASSESSMENT):
        return NextStep(
            YOUR_WORK,
            _("Continue the assessment"),
            hub,
            _("“%(name)s” is in progress.") % {"name": current.name},
        )
    asked = CycleContributor.objects.filter(
        cycle=current, user_id=membership.user_id, finished_at__isnull=True
    ).exists()
    if asked and role_can(role, Capability.GIVE_VIEWS):
        return NextStep(WAITING_ON_YOU, _("Give your views"), hub, _views_asked(current))
    return None


def _views_asked(cycle) -> str:
    return _("You have been asked for your own view on “%(name)s”.") % {"name": cycle.name}


def views_waiting_on_you(*, user, memberships) -> dict[int, list[str]]:
    """For the list of someone's organisations: the assessments asking for their views
    that they have not finished (one query)."""
    asked = CycleContributor.objects.filter(
        user=user,
        finished_at__isnull=True,
        cycle__status=CycleStatus.IN_PROGRESS,
        cycle__organisation_id__in=[
            m.organisation_id for m in memberships if role_can(m.role, Capability.GIVE_VIEWS)
        ],
    ).select_related("cycle")
    waiting: dict[int, list[str]] = {}
    for each in asked:
        waiting.setdefault(each.cycle.organisation_id, []).append(_views_asked(each.cycle))
    return waiting
