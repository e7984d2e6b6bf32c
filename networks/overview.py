"""What networks add to an organisation's overview (the networks it is in or invited to;
for a lead, answering an invitation is the next step), to the list of a person's
organisations (an invitation waits on its leads), and to the home page of a coordinator
(the networks they coordinate)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from networks.models import MembershipStatus, NetworkMembership
from networks.selectors.networks import networks_for_coordinator
from organisations.hooks import WAITING_ON_YOU, NextStep
from trauma_wales.permissions import Capability, Role, role_can

SHOWN = (MembershipStatus.INVITED, MembershipStatus.JOINED)


def networks_section(*, organisation, membership) -> dict | None:
    places = list(
        NetworkMembership.objects.filter(organisation=organisation, status__in=SHOWN)
        .select_related("network")
        .order_by("network__name_en")
    )
    if not places:
        return None
    invited = [place for place in places if place.status == MembershipStatus.INVITED]
    step = None
    if invited and role_can(membership.role, Capability.MANAGE_NETWORKS):
        step = NextStep(
            WAITING_ON_YOU,
            _("Answer the invitation from %(network)s") % {"network": invited[0].network.name},
            reverse("networks:join", args=[organisation.slug, invited[0].network.slug]),
            _("Choose whether to join the network and what your organisation shares."),
        )
    return {"places": places, "next_step": step}


def invitations_waiting(*, user, memberships) -> dict[int, list[str]]:
    """{organisation id: ["An invitation to join ..."]} for the organisations this person
    leads: one query, however many organisations."""
    led = [m.organisation_id for m in memberships if m.role == Role.LEAD]
    waiting: dict[int, list[str]] = {}
    for place in NetworkMembership.objects.filter(
        organisation_id__in=led, status=MembershipStatus.INVITED
    ).select_related("network"):
        waiting.setdefault(place.organisation_id, []).append(
            _("An invitation to join %(network)s") % {"network": place.network.name}
        )
    return waiting


def coordinator_home(*, user) -> str | None:
    networks = networks_for_coordinator(user=user)
    if not networks:
        return None
    return render_to_string("networks/coordinator/_home.html", {"networks": networks})
