"""Who coordinates which network, and an organisation's places in networks. A page asks
for a network through these, so one that is not the person's is not found (404), as for
an organisation that is not theirs."""

from django.http import Http404

from networks.models import MembershipStatus, Network, NetworkMembership


def is_coordinator(user, network: Network) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return network.coordinators.filter(user_id=user.pk).exists()


def networks_for_coordinator(*, user) -> list[Network]:
    return list(Network.objects.filter(coordinators__user_id=user.pk).order_by("name_en"))


def network_for_coordinator(*, user, slug: str) -> Network:
    """The network with this code, if `user` coordinates it; otherwise 404."""
    network = Network.objects.filter(slug=slug, coordinators__user_id=user.pk).first()
    if network is None:
        raise Http404("No such network among yours")
    return network


def memberships_for_organisation(*, organisation) -> list[NetworkMembership]:
    """Every network the organisation was invited to, joined or left, invitations first."""
    order: dict[str, int] = {MembershipStatus.INVITED: 0, MembershipStatus.JOINED: 1}
    memberships = NetworkMembership.objects.filter(organisation=organisation).select_related(
        "network"
    )
    return sorted(memberships, key=lambda m: (order.get(m.status, 2), m.network.name))


def membership_in_organisation(*, organisation, network_slug: str) -> NetworkMembership:
    """The organisation's place in this network; 404 when it was never invited."""
    membership = (
        NetworkMembership.objects.filter(organisation=organisation, network__slug=network_slug)
        .select_related("network")
        .first()
    )
    if membership is None:
        raise Http404("The organisation was never invited to this network")
    membership.organisation = organisation
    return membership


def sharing_organisation_ids(network: Network | None = None):
    """A query of the organisations that share their figures now: with `network`, or with
    any network. The one definition of consent every figure and comparison reads."""
    memberships = NetworkMembership.objects.filter(
        status=MembershipStatus.JOINED, shares_figures=True
    )
    if network is not None:
        memberships = memberships.filter(network=network)
    return memberships.values("organisation_id")
