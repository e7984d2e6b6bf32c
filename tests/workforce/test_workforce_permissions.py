"""Every workforce URL, for every role, for a member of another organisation and for someone
signed out. New workforce views must be added to WORKFORCE_PAGES.

Leads edit; reviewers and board members read; contributors get 403 (they may be people
with lived experience from outside the staff, and small groups' counts identify people)."""

import pytest
from django.urls import reverse

from tests.conftest import ROLES, client_for
from tests.workforce.factories import group_with_needs, level
from trauma_wales.permissions import Role
from workforce.models import StaffGroup, StaffGroupNeed

# Who gets which answer is decided in Python (roles, policies, tenancy), the same on either
# database: the run repeated on the second database leaves this out (docs/adr/0008).
pytestmark = [pytest.mark.django_db, pytest.mark.database_independent]

READERS = {role: (403 if role == Role.CONTRIBUTOR else 200) for role in ROLES}
LEAD_ONLY = {role: (200 if role == Role.LEAD else 403) for role in ROLES}
LEAD_ONLY_POST = {role: (302 if role == Role.LEAD else 403) for role in ROLES}


def group_form(group):
    return {
        "name": "Renamed group",
        "description": "",
        "headcount": "12",
        "levels": [str(level("aware").pk)],
        "version": str(group.version),
    }


def training_form(group):
    return {
        f"trained-{level('aware').pk}": "4",
        f"trained-{level('skilled').pk}": "2",
        "counted_on_0": "1",
        "counted_on_1": "3",
        "counted_on_2": "2026",
        "version": str(group.version),
    }


def remove_form(group):
    return {"version": str(group.version)}


# (name, method, url name, needs a group id, POST data builder, expected status by role)
WORKFORCE_PAGES = [
    ("coverage", "get", "workforce:coverage", False, None, READERS),
    ("add group", "get", "workforce:group_create", False, None, LEAD_ONLY),
    ("add group (post)", "post", "workforce:group_create", False, group_form, LEAD_ONLY_POST),
    ("change group", "get", "workforce:group_edit", True, None, LEAD_ONLY),
    ("change group (post)", "post", "workforce:group_edit", True, group_form, LEAD_ONLY_POST),
    ("training", "get", "workforce:training", True, None, LEAD_ONLY),
    ("training (post)", "post", "workforce:training", True, training_form, LEAD_ONLY_POST),
    ("remove group", "get", "workforce:group_delete", True, None, LEAD_ONLY),
    ("remove group (post)", "post", "workforce:group_delete", True, remove_form, LEAD_ONLY_POST),
]
IDS = [page[0] for page in WORKFORCE_PAGES]
PARAMS = ("name", "method", "url_name", "with_group", "data", "expected")


@pytest.fixture
def group(organisation):
    return group_with_needs(
        organisation, name="Housing officers", headcount=12, trained={"aware": 6, "skilled": 1}
    )


def url_for(organisation, url_name, group, with_group):
    kwargs = {"org_slug": organisation.slug}
    if with_group:
        kwargs["group_id"] = group.pk
    return reverse(url_name, kwargs=kwargs)


def send(client, method, url, data, group):
    if method == "post":
        return client.post(url, data(group) if data else {})
    return client.get(url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(PARAMS, WORKFORCE_PAGES, ids=IDS)
def test_each_role_gets_what_its_role_allows(
    organisation, group, member_for_role, role, name, method, url_name, with_group, data, expected
):
    client = client_for(member_for_role(role))
    response = send(client, method, url_for(organisation, url_name, group, with_group), data, group)
    assert response.status_code == expected[role]
    if method == "post" and role != Role.LEAD:
        group.refresh_from_db()
        assert group.name == "Housing officers"
        assert StaffGroup.objects.count() == 1
        assert sorted(StaffGroupNeed.objects.values_list("trained", flat=True)) == [1, 6]


@pytest.mark.parametrize(PARAMS, WORKFORCE_PAGES, ids=IDS)
def test_another_organisation_gets_404_and_signed_out_goes_to_sign_in(
    organisation, group, outsider, client, name, method, url_name, with_group, data, expected
):
    url = url_for(organisation, url_name, group, with_group)
    assert send(client_for(outsider), method, url, data, group).status_code == 404
    response = send(client, method, url, data, group)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert StaffGroup.objects.get().name == "Housing officers"


def test_another_organisations_group_cannot_be_reached_through_your_own_slug(
    organisation, other_organisation, lead
):
    foreign = group_with_needs(other_organisation, name="Youth workers", trained={"aware": 2})
    client = client_for(lead)
    for url_name in ("workforce:group_edit", "workforce:training", "workforce:group_delete"):
        url = reverse(url_name, args=[organisation.slug, foreign.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {**group_form(foreign), **training_form(foreign)}).status_code == (
            404
        )
    foreign.refresh_from_db()
    assert foreign.name == "Youth workers"
    assert StaffGroup.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_overview_links_to_the_workforce_page_for_those_who_can_read_it(
    organisation, member_for_role, role
):
    html = client_for(member_for_role(role)).get(
        reverse("organisations:overview", args=[organisation.slug])
    )
    link = reverse("workforce:coverage", args=[organisation.slug])
    assert (link in html.content.decode()) == (role != Role.CONTRIBUTOR)


@pytest.mark.parametrize("role", ROLES)
def test_only_leads_see_the_links_to_change_anything(organisation, group, member_for_role, role):
    html = client_for(member_for_role(role)).get(
        reverse("workforce:coverage", args=[organisation.slug])
    )
    if role == Role.CONTRIBUTOR:
        assert html.status_code == 403
        return
    page = html.content.decode()
    editing = [
        reverse("workforce:group_create", args=[organisation.slug]),
        reverse("workforce:training", args=[organisation.slug, group.pk]),
        reverse("workforce:group_edit", args=[organisation.slug, group.pk]),
        reverse("workforce:group_delete", args=[organisation.slug, group.pk]),
    ]
    assert all((url in page) == (role == Role.LEAD) for url in editing)
