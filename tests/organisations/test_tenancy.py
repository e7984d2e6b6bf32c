"""Every route in the URLconf, generated from the code: for each page under /o/<org-slug>/,
every role, a member of another organisation and someone signed out; for every other page,
someone signed in and someone signed out.

What a member gets comes from the view's declared `capability` and `role_can` (the same
check `OrganisationMixin` makes): allowed is 200 (405 for a view that takes only POST),
not allowed is 403. A new page is covered the day it exists; a page whose answer depends
on state rather than role is in EXCEPTIONS, with its reason. A route the matrix cannot build
a URL for fails `test_every_route_can_be_built`.
"""

from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from django.contrib.auth.mixins import AccessMixin
from django.urls import resolve, reverse

from organisations.models import Membership
from organisations.tenancy import OrganisationMixin
from tests.matrix.fixtures import world_fixture  # noqa: F401
from tests.matrix.routes import (
    SKIPPED_PREFIXES,
    all_routes,
    organisation_routes,
    other_routes,
    project_routes,
    route_urls,
    unbuildable,
)
from tests.matrix.world import OUTSIDER, ROLES, SIGNED_OUT
from tests.organisations.factories import InvitationFactory, MembershipFactory
from trauma_wales.permissions import Capability, Role, role_can

# Who gets which answer is decided in Python (roles, policies, tenancy), the same on either
# database: the run repeated on the second database leaves this out (docs/adr/0008).
pytestmark = [pytest.mark.django_db, pytest.mark.database_independent]

ANOTHER_ORGANISATION, SIGNED_IN = OUTSIDER, "signed-in"


@dataclass(frozen=True)
class Expect:
    """What a page answers when its view's capability alone does not say."""

    reason: str
    # The answer to someone allowed in, by URL variant ("" when the route has one URL).
    allowed: dict[str, int] = field(default_factory=dict)
    # Only people with one of these roles in the world are let in (403 for the rest).
    only_for: frozenset[str] = frozenset()
    # For pages outside /o/: the answer to someone signed in.
    signed_in: int | None = None
    # Where a 302 in `allowed` or `signed_in` goes (a URL name).
    redirects_to: str = ""


QUESTION_PAGE = Expect(
    reason="Only people who answer the cycle get in (RespondentMixin: the lead, or a "
    "member asked for their views: the world asks its contributor, not its reviewer or board "
    "member); a submitted cycle's answers are locked, so the page sends them to its results.",
    allowed={"submitted": 302, "in progress": 200},
    only_for=frozenset({Role.LEAD, Role.CONTRIBUTOR}),
    redirects_to="assessments:results",
)
EXCEPTIONS = {
    "assessments:readiness": Expect(
        reason="Sends the people who answer the cycle (as QUESTION_PAGE) to its first "
        "readiness theme, which sends them on to the results once the cycle is submitted.",
        allowed={"submitted": 302, "in progress": 302},
        only_for=QUESTION_PAGE.only_for,
        redirects_to="assessments:readiness_theme",
    ),
    "assessments:readiness_theme": QUESTION_PAGE,
    "assessments:domain": QUESTION_PAGE,
    "accounts:sign_up": Expect(
        reason="Someone signed in already has an account: sent home.",
        signed_in=302,
        redirects_to="home",
    ),
    "accounts:login": Expect(
        reason="redirect_authenticated_user: someone signed in is sent on (signed_in).",
        signed_in=302,
        redirects_to="signed_in",
    ),
    "signed_in": Expect(
        reason="Where signing in leads: the organisation of someone with only one (as the "
        "matrix's person has), the list of their organisations (home) for the rest.",
        signed_in=302,
        redirects_to="organisations:overview",
    ),
    "accounts:password_reset_confirm": Expect(
        reason="A working link moves its token into the session and redirects to the "
        "same page without it (Django's PasswordResetConfirmView), signed in or not.",
        allowed={"": 302},
        signed_in=302,
        redirects_to="accounts:password_reset_confirm",
    ),
    "accounts:sign_up_sent": Expect(
        reason="Only after asking for an account (the address is kept in the session); "
        "otherwise it sends you to the sign-up page, signed in or not.",
        allowed={"": 302},
        signed_in=302,
        redirects_to="accounts:sign_up",
    ),
    "set_language": Expect(
        reason="Django's set_language only changes the language on POST; any request is "
        "sent back to where it came from (home without a Referer).",
        allowed={"": 302},
        signed_in=302,
        redirects_to="home",
    ),
}


def _id(route) -> str:
    return route.name or route.pattern


def _check_redirect(response, url_name: str, message: str) -> None:
    target = resolve(urlparse(response["Location"]).path).view_name
    assert target == url_name, f"{message}: redirected to {response['Location']}"


def expected_for_member(route, variant: str, role: str) -> int:
    capability = route.view_class.capability
    expect = EXCEPTIONS.get(route.name)
    if not role_can(role, capability):
        return 403
    if expect and expect.only_for and role not in expect.only_for:
        return 403
    if expect and variant in expect.allowed:
        return expect.allowed[variant]
    return 200 if route.allows_get else 405


def test_every_route_can_be_built():
    problems = {_id(route): unbuildable(route) for route in project_routes()}
    assert {name: why for name, why in problems.items() if why} == {}


def test_every_organisation_page_names_its_capability():
    """The tenancy check is OrganisationMixin's; a page under /o/ without it is unguarded."""
    unguarded = [
        _id(route)
        for route in organisation_routes()
        if route.view_class is None
        or not issubclass(route.view_class, OrganisationMixin)
        or not isinstance(route.view_class.capability, Capability)
    ]
    assert unguarded == []


def test_the_matrix_covers_every_route_but_the_skipped_ones():
    left_out = [r.pattern for r in all_routes() if r not in project_routes()]
    assert all(p.startswith(tuple(SKIPPED_PREFIXES)) for p in left_out), left_out
    assert len(organisation_routes()) > 30  # a broken walk would find none
    assert len(other_routes()) > 15


def test_every_exception_names_a_route_that_exists():
    assert set(EXCEPTIONS) - {route.name for route in project_routes()} == set()


@pytest.fixture
def client_as(world):
    return lambda who: world.client(Role.LEAD if who == SIGNED_IN else who)


@pytest.mark.parametrize("who", [*ROLES, ANOTHER_ORGANISATION, SIGNED_OUT])
@pytest.mark.parametrize("route", organisation_routes(), ids=_id)
def test_organisation_page(world, client_as, route, who):
    client = client_as(who)
    for variant, url in route_urls(route, world):
        response = client.get(url)
        where = f"GET {url} ({variant or 'the URL'}) as {who}"
        if who == SIGNED_OUT:
            assert response.status_code == 302, where
            assert response["Location"].startswith(reverse("accounts:login")), where
        elif who == ANOTHER_ORGANISATION:
            assert response.status_code == 404, where
        else:
            expected = expected_for_member(route, variant, who)
            assert response.status_code == expected, where
            if expected == 302:
                _check_redirect(response, EXCEPTIONS[route.name].redirects_to, where)


def expected_outside(route, variant: str, who: str) -> int:
    expect = EXCEPTIONS.get(route.name)
    needs_sign_in = route.view_class is not None and issubclass(route.view_class, AccessMixin)
    if who == SIGNED_OUT and needs_sign_in:
        return 302  # to sign in
    if who == SIGNED_IN and expect and expect.signed_in is not None:
        return expect.signed_in
    if expect and variant in expect.allowed:
        return expect.allowed[variant]
    return 200 if route.allows_get else 405


@pytest.mark.parametrize("who", [SIGNED_IN, SIGNED_OUT])
@pytest.mark.parametrize("route", other_routes(), ids=_id)
def test_page_outside_organisations(world, client_as, route, who):
    client = client_as(who)
    for variant, url in route_urls(route, world):
        response = client.get(url)
        where = f"GET {url} ({variant or 'the URL'}) {who}"
        expected = expected_outside(route, variant, who)
        assert response.status_code == expected, where
        if expected != 302:
            continue
        needs_sign_in = route.view_class is not None and issubclass(route.view_class, AccessMixin)
        if who == SIGNED_OUT and (route.name not in EXCEPTIONS or needs_sign_in):
            assert response["Location"].startswith(reverse("accounts:login")), where
        else:
            _check_redirect(response, EXCEPTIONS[route.name].redirects_to, where)


def _refused(route) -> list[str]:
    """Who a POST to this route must refuse before it reads anything."""
    return [
        *(role for role in ROLES if expected_for_member(route, "", role) == 403),
        ANOTHER_ORGANISATION,
        SIGNED_OUT,
    ]


REFUSED_POSTS = [
    pytest.param(route, who, id=f"{_id(route)}-{who}")
    for route in organisation_routes()
    if route.allows_post
    for who in _refused(route)
]


@pytest.mark.parametrize(("route", "who"), REFUSED_POSTS)
def test_organisation_form_refuses_whoever_its_page_refuses(world, client_as, route, who):
    client = client_as(who)
    for variant, url in route_urls(route, world):
        response = client.post(url)
        where = f"POST {url} ({variant or 'the URL'}) as {who}"
        if who == SIGNED_OUT:
            assert response.status_code == 302, where
            assert response["Location"].startswith(reverse("accounts:login")), where
        else:
            assert response.status_code == (404 if who == ANOTHER_ORGANISATION else 403), where


def test_the_lead_removes_a_member_and_withdraws_an_invitation(world):
    client = world.client(Role.LEAD)
    slug = world.organisation.slug
    response = client.post(
        reverse("organisations:remove_member", args=[slug, world.spare_member.pk])
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=world.spare_member.pk).exists()
    revoke = reverse("organisations:revoke_invitation", args=[slug, world.invitation.pk])
    assert client.post(revoke).status_code == 302
    world.invitation.refresh_from_db()
    assert world.invitation.revoked_at is not None


def test_unknown_organisation_is_404_like_a_foreign_one(world):
    lead_client = world.client(Role.LEAD)
    response = lead_client.get(reverse("organisations:overview", args=["no-such-organisation"]))
    assert response.status_code == 404


def test_objects_of_another_organisation_cannot_be_reached_through_your_own(world):
    """Your own slug plus another organisation's membership or invitation id: 404."""
    lead_client = world.client(Role.LEAD)
    foreign_member = MembershipFactory(organisation=world.other_organisation, role=Role.CONTRIBUTOR)
    foreign_invitation = InvitationFactory(organisation=world.other_organisation)
    slug = world.organisation.slug
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
