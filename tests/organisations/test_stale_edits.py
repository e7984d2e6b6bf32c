"""Two leads changing the organisation's details, or a member's role, at once: the first
save wins, the second is refused with what is saved now and their own answers kept, and
saving again works."""

import re

import pytest
from django.urls import reverse

from organisations.models import Membership, Organisation
from organisations.services import (
    NO_LONGER_A_MEMBER,
    ORGANISATION_CHANGED,
    ROLE_CHANGED,
    membership_change_role,
    membership_remove,
    organisation_update,
)
from tests.conftest import client_for
from tests.organisations.factories import MembershipFactory
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Role
from trauma_wales.versions import StaleEdit

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_lead(member_for_role):
    return member_for_role("lead")


def hidden_version(page: str) -> str:
    return re.search(r'name="version" value="([^"]*)"', page).group(1)


def details(**changes):
    return {"name": "Cwm Afon Housing", "sector": "housing", "size_band": "50-249", **changes}


def test_the_first_change_of_details_wins(organisation, lead, second_lead):
    organisation_update(
        organisation=organisation, actor=lead, expected_version=1, **details(name="Cwm Afon Homes")
    )
    with pytest.raises(StaleEdit) as stale:
        organisation_update(
            organisation=organisation,
            actor=second_lead,
            expected_version=1,
            **details(sector="third_sector"),
        )
    assert stale.value.message == ORGANISATION_CHANGED
    stored = Organisation.objects.get(pk=organisation.pk)
    assert (stored.name, stored.sector, stored.version, stored.edited_by) == (
        "Cwm Afon Homes",
        "housing",
        2,
        lead,
    )


def test_the_second_lead_sees_the_saved_details_and_can_save_again(organisation, lead, second_lead):
    url = reverse("organisations:edit", args=[organisation.slug])
    anwen, bryn = client_for(lead), client_for(second_lead)
    assert hidden_version(anwen.get(url).content.decode()) == "1"
    assert hidden_version(bryn.get(url).content.decode()) == "1"
    assert anwen.post(url, {**details(name="Cwm Afon Homes"), "version": "1"}).status_code == 302

    refused = bryn.post(
        url, {**details(name="Cwm Afon Tenants", size_band="250-999"), "version": "1"}
    )
    page = refused.content.decode()
    assert refused.status_code == 200 and "<title>Error:" in page
    assert "The organisation&#x27;s details were changed after you opened this page." in page
    assert "Cwm Afon Homes</dd>" in page and "50 to 249 staff and volunteers</dd>" in page
    assert 'value="Cwm Afon Tenants"' in page  # their own answers, still in the form
    assert re.search(r'value="250-999"\s+checked', page)
    assert hidden_version(page) == "2"

    assert bryn.post(url, {**details(name="Cwm Afon Tenants"), "version": "2"}).status_code == 302
    assert Organisation.objects.get(pk=organisation.pk).name == "Cwm Afon Tenants"


def test_registering_an_organisation_needs_no_version(lead):
    response = client_for(lead).post(reverse("organisation_register"), details(name="Newydd"))
    assert response.status_code == 302
    assert Organisation.objects.get(name="Newydd").version == 1


# A member's role


@pytest.fixture
def member(organisation):
    return MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR)


def test_the_first_change_of_role_wins(member, lead, second_lead):
    membership_change_role(membership=member, role=Role.REVIEWER, actor=lead, expected_version=1)
    with pytest.raises(StaleEdit) as stale:
        membership_change_role(
            membership=member, role=Role.BOARD, actor=second_lead, expected_version=1
        )
    assert stale.value.message == ROLE_CHANGED
    stored = Membership.objects.get(pk=member.pk)
    assert (stored.role, stored.version, stored.edited_by) == (Role.REVIEWER, 2, lead)


def test_the_role_of_someone_removed_meanwhile_is_not_changed(member, lead, second_lead):
    stale_copy = Membership.objects.get(pk=member.pk)
    membership_remove(membership=member, actor=lead)
    with pytest.raises(DomainError) as refused:
        membership_change_role(
            membership=stale_copy, role=Role.BOARD, actor=second_lead, expected_version=1
        )
    assert refused.value.message == NO_LONGER_A_MEMBER
    with pytest.raises(DomainError):  # removing twice at once: a message, not a 500
        membership_remove(membership=stale_copy, actor=second_lead)


def test_the_second_lead_sees_the_role_now_and_can_choose_again(
    organisation, member, lead, second_lead
):
    url = reverse("organisations:change_role", args=[organisation.slug, member.pk])
    anwen, bryn = client_for(lead), client_for(second_lead)
    assert hidden_version(anwen.get(url).content.decode()) == "1"
    assert hidden_version(bryn.get(url).content.decode()) == "1"
    assert anwen.post(url, {"role": Role.REVIEWER, "version": "1"}).status_code == 302

    refused = bryn.post(url, {"role": Role.BOARD, "version": "1"})
    page = refused.content.decode()
    assert refused.status_code == 200 and "<title>Error:" in page
    assert "This person&#x27;s role was changed after you opened this page." in page
    assert "Reviewer</dd>" in page  # the role now
    assert re.search(r'value="board"\s+checked', page)  # his choice, still chosen
    assert hidden_version(page) == "2"

    assert bryn.post(url, {"role": Role.BOARD, "version": "2"}).status_code == 302
    assert Membership.objects.get(pk=member.pk).role == Role.BOARD
