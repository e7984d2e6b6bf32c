"""Every organisation page, for every role, for a member of another organisation and for
someone signed out. New organisation views must be added to ORGANISATION_PAGES.
"""

import pytest
from django.urls import reverse

from organisations.models import Membership
from tests.conftest import ROLES, client_for
from tests.organisations.factories import InvitationFactory, MembershipFactory
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db

ALL = dict.fromkeys(ROLES, 200)
LEAD_ONLY = {role: (200 if role == Role.LEAD else 403) for role in ROLES}
LEAD_ONLY_POST = {role: (302 if role == Role.LEAD else 403) for role in ROLES}


def _target_membership(organisation):
    return MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR).pk


def _target_invitation(organisation):
    return InvitationFactory(organisation=organisation).pk


# (name, method, url name, extra kwargs builder, expected status by role)
ORGANISATION_PAGES = [
    ("overview", "get", "organisations:overview", None, ALL),
    ("members", "get", "organisations:members", None, ALL),
    ("edit", "get", "organisations:edit", None, LEAD_ONLY),
    ("invite", "get", "organisations:invite", None, LEAD_ONLY),
    (
        "change role",
        "get",
        "organisations:change_role",
        lambda org: {"membership_id": _target_membership(org)},
        LEAD_ONLY,
    ),
    (
        "remove member",
        "get",
        "organisations:remove_member",
        lambda org: {"membership_id": _target_membership(org)},
        LEAD_ONLY,
    ),
    (
        "remove member (post)",
        "post",
        "organisations:remove_member",
        lambda org: {"membership_id": _target_membership(org)},
        LEAD_ONLY_POST,
    ),
    (
        "withdraw invitation (post)",
        "post",
        "organisations:revoke_invitation",
        lambda org: {"invitation_id": _target_invitation(org)},
        LEAD_ONLY_POST,
    ),
]
PAGE_IDS = [page[0] for page in ORGANISATION_PAGES]


def _url(organisation, url_name, extra):
    kwargs = {"org_slug": organisation.slug, **(extra(organisation) if extra else {})}
    return reverse(url_name, kwargs=kwargs)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "url_name", "extra", "expected"), ORGANISATION_PAGES, ids=PAGE_IDS
)
def test_each_role_gets_what_its_role_allows(
    organisation, member_for_role, role, name, method, url_name, extra, expected
):
    MembershipFactory(organisation=organisation, role=Role.LEAD)  # never the last lead
    client = client_for(member_for_role(role))
    response = getattr(client, method)(_url(organisation, url_name, extra))
    assert response.status_code == expected[role]


@pytest.mark.parametrize(
    ("name", "method", "url_name", "extra", "expected"), ORGANISATION_PAGES, ids=PAGE_IDS
)
def test_member_of_another_organisation_gets_404(
    organisation, outsider, name, method, url_name, extra, expected
):
    response = getattr(client_for(outsider), method)(_url(organisation, url_name, extra))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "method", "url_name", "extra", "expected"), ORGANISATION_PAGES, ids=PAGE_IDS
)
def test_signed_out_person_is_sent_to_sign_in(
    client, organisation, name, method, url_name, extra, expected
):
    url = _url(organisation, url_name, extra)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_unknown_organisation_is_404_like_a_foreign_one(lead_client):
    response = lead_client.get(reverse("organisations:overview", args=["no-such-organisation"]))
    assert response.status_code == 404


def test_objects_of_another_organisation_cannot_be_reached_through_your_own(
    organisation, lead_client, other_organisation
):
    """Your own slug plus another organisation's membership or invitation id: 404."""
    foreign_member = MembershipFactory(organisation=other_organisation, role=Role.CONTRIBUTOR)
    foreign_invitation = InvitationFactory(organisation=other_organisation)
    slug = organisation.slug
    urls = [
        reverse("organisations:change_role", args=[slug, foreign_member.pk]),
        reverse("organisations:remove_member", args=[slug, foreign_member.pk]),
    ]
    for url in urls:
        assert lead_client.get(url).status_code == 404
        assert lead_client.post(url, {"role": Role.LEAD}).status_code == 404
    revoke = reverse("organisations:revoke_invitation", args=[slug, foreign_invitation.pk])
    assert lead_client.post(revoke).status_code == 404
    foreign_member.refresh_from_db()
    foreign_invitation.refresh_from_db()
    assert foreign_member.role == Role.CONTRIBUTOR
    assert foreign_invitation.revoked_at is None
    assert Membership.objects.filter(pk=foreign_member.pk).exists()
