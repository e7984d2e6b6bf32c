"""An organisation's place in a network: the policy's table against the services, an
invitation by a lead's email address, joining with a choice of what to share (through the
page, bad input refused with nothing saved), a stale change of sharing refused, leaving."""

import re

import pytest
from django.urls import reverse

from networks.models import MembershipStatus, NetworkMembership
from networks.policies import MEMBERSHIP_RULES, MembershipStep, membership_steps
from networks.services.memberships import (
    network_decline,
    network_invite,
    network_join,
    network_leave,
    network_sharing_update,
)
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory, coordinator_of
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from trauma_wales.errors import DomainError
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db

SERVICES = {
    MembershipStep.JOIN: lambda m, actor: network_join(
        membership=m, actor=actor, shares_figures=True, shares_name=False
    ),
    MembershipStep.DECLINE: lambda m, actor: network_decline(membership=m, actor=actor),
    MembershipStep.CHANGE_SHARING: lambda m, actor: network_sharing_update(
        membership=m,
        actor=actor,
        shares_figures=not m.shares_figures,
        shares_name=True,
        expected_version=m.version,
    ),
    MembershipStep.LEAVE: lambda m, actor: network_leave(membership=m, actor=actor),
}


@pytest.mark.parametrize("status", MembershipStatus.values)
@pytest.mark.parametrize("role", [role.value for role in Role])
@pytest.mark.parametrize("step", list(SERVICES))
def test_the_services_follow_the_policy_table(step, role, status):
    membership = NetworkMembershipFactory(status=status)
    actor = MembershipFactory(organisation=membership.organisation, role=role).user
    allowed = str(step) in membership_steps(membership, role).open
    if allowed:
        SERVICES[step](membership, actor)
        membership.refresh_from_db()
        expected = MEMBERSHIP_RULES[step].to_status or status
        assert membership.status == expected
    else:
        with pytest.raises(DomainError):
            SERVICES[step](membership, actor)
        membership.refresh_from_db()
        assert membership.status == status


def test_a_member_of_another_organisation_can_take_no_step():
    membership = NetworkMembershipFactory(status=MembershipStatus.INVITED)
    stranger = MembershipFactory(role=Role.LEAD).user
    with pytest.raises(DomainError):
        network_join(membership=membership, actor=stranger, shares_figures=True, shares_name=True)


def test_an_invitation_reaches_every_organisation_the_address_leads_and_its_leads_by_email(
    mailoutbox, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name_en="West Wales", name_cy="Gorllewin Cymru")
    coordinator = coordinator_of(network)
    lead = MembershipFactory(role=Role.LEAD).user
    second = MembershipFactory(user=lead, organisation=OrganisationFactory(), role=Role.LEAD)
    MembershipFactory(user=lead, role=Role.CONTRIBUTOR)  # not led: not invited
    with django_capture_on_commit_callbacks(execute=True):
        invited = network_invite(network=network, actor=coordinator, email=lead.email.upper())
    assert invited == 2
    assert set(NetworkMembership.objects.values_list("organisation_id", flat=True)) == {
        lead.memberships.filter(role=Role.LEAD).first().organisation_id,
        second.organisation_id,
    }
    assert len(mailoutbox) == 2 and "West Wales" in mailoutbox[0].subject
    assert network_invite(network=network, actor=coordinator, email=lead.email) == 0  # again
    assert network_invite(network=network, actor=coordinator, email="nobody@example.org") == 0


def test_only_a_coordinator_invites_and_an_organisation_that_left_can_be_invited_again():
    network = NetworkFactory()
    membership = NetworkMembershipFactory(network=network, status=MembershipStatus.LEFT)
    lead = MembershipFactory(organisation=membership.organisation, role=Role.LEAD).user
    with pytest.raises(DomainError):
        network_invite(network=network, actor=lead, email=lead.email)
    network_invite(network=network, actor=coordinator_of(network), email=lead.email)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.INVITED and membership.left_at is None


@pytest.fixture
def invited(organisation):
    return NetworkMembershipFactory(
        organisation=organisation, status=MembershipStatus.INVITED, answered_at=None,
        network=NetworkFactory(slug="west-wales", name_en="West Wales", name_cy="Gorllewin Cymru"),
    )  # fmt: skip


def test_joining_through_the_page_shares_figures_by_default_and_the_name_only_if_chosen(
    client, lead, organisation, invited
):
    client.force_login(lead)
    url = reverse("networks:join", args=[organisation.slug, "west-wales"])
    page = client.get(url).content.decode()
    assert re.search(r'value="figures"[^>]*checked', page)
    assert not re.search(r'value="name"[^>]*checked', page)

    response = client.post(url, {"sharing": ["figures"]})

    assert response.status_code == 302
    invited.refresh_from_db()
    assert (invited.status, invited.shares_figures, invited.shares_name) == ("joined", True, False)
    assert AuditEntry.objects.filter(action="network.joined", organisation=organisation).exists()


def test_bad_input_is_refused_clearly_with_nothing_saved(client, lead, organisation, invited):
    client.force_login(lead)
    url = reverse("networks:join", args=[organisation.slug, "west-wales"])
    response = client.post(url, {"sharing": ["everything"]})
    assert response.status_code == 200
    assert "Choose from the list" in response.content.decode()
    invited.refresh_from_db()
    assert invited.status == MembershipStatus.INVITED


def test_a_stale_change_of_sharing_is_refused_with_both_versions_shown(client, lead, organisation):
    membership = NetworkMembershipFactory(
        organisation=organisation, network=NetworkFactory(slug="west-wales")
    )
    client.force_login(lead)
    url = reverse("networks:sharing", args=[organisation.slug, "west-wales"])
    seen = membership.version
    network_sharing_update(
        membership=membership, actor=lead, shares_figures=True, shares_name=True,
        expected_version=seen,
    )  # fmt: skip

    response = client.post(url, {"sharing": [], "version": seen})

    assert response.status_code == 200
    assert "changed after you opened this page" in response.content.decode()
    membership.refresh_from_db()
    assert (membership.shares_figures, membership.shares_name) == (True, True)


def test_leaving_and_declining_through_their_pages(client, lead, organisation, invited):
    client.force_login(lead)
    client.post(reverse("networks:decline", args=[organisation.slug, "west-wales"]))
    invited.refresh_from_db()
    assert invited.status == MembershipStatus.DECLINED
    joined = NetworkMembershipFactory(
        organisation=organisation, network=NetworkFactory(slug="gwent")
    )
    client.post(reverse("networks:leave", args=[organisation.slug, "gwent"]))
    joined.refresh_from_db()
    assert joined.status == MembershipStatus.LEFT and joined.left_at is not None
    page = client.get(reverse("networks:organisation", args=[organisation.slug])).content.decode()
    assert "Declined" in page and "Left" in page


def test_a_network_never_offered_to_the_organisation_is_not_found(client, lead, organisation):
    NetworkFactory(slug="north-wales")
    client.force_login(lead)
    response = client.get(reverse("networks:join", args=[organisation.slug, "north-wales"]))
    assert response.status_code == 404


def test_an_invitation_shows_on_the_overview_and_waits_on_the_lead(
    client, lead, organisation, invited
):
    client.force_login(lead)
    overview = client.get(reverse("organisations:overview", args=[organisation.slug]))
    assert "Answer the invitation from West Wales" in overview.content.decode()
    home = client.get(reverse("home")).content.decode()
    assert "An invitation to join West Wales" in home
