"""The feedback rounds section of an organisation's overview, for leads: rounds open now
and rounds with comments waiting to be read, and the next step of reading them."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organisations.hooks import TO_READ, NextStep
from trauma_wales.permissions import Capability, role_can
from voices.selectors import rounds_to_follow


def feedback_section(*, organisation, membership) -> dict | None:
    if not role_can(membership.role, Capability.RUN_FEEDBACK):
        return None
    rounds = rounds_to_follow(organisation=organisation)
    if not rounds:
        return None
    return {"rounds": rounds, "next_step": _next_step(organisation, rounds)}


def _next_step(organisation, rounds) -> NextStep | None:
    waiting = [r for r in rounds if r.waiting_count]
    if not waiting:
        return None
    first = waiting[0]
    count = sum(r.waiting_count for r in waiting)
    return NextStep(
        TO_READ,
        _("Read the comments from a feedback round"),
        reverse("voices:round", args=[organisation.slug, first.cycle_id, first.pk]) + "#comments",
        ngettext(
            "%(count)d comment is waiting for you to read it and choose whether to include it.",
            "%(count)d comments are waiting for you to read them and choose which to include.",
            count,
        )
        % {"count": count},
    )
