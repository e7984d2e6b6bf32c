"""Organisation pages through the test client: register, edit, members, invitations, home."""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from organisations.models import Invitation, Membership, Organisation, Sector, SizeBand
from organisations.policies import LAST_LEAD
from tests.accounts.factories import UserFactory
from tests.conftest import client_for
from tests.organisations.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
)
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db

REGISTER = reverse("organisation_register")


def _title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert match, "page has no <title>"
    return unescape(" ".join(match.group(1).split()))


def assert_error_page(response, message):
    """A GOV.UK error page: 200, error summary, "Error:" title and the message."""
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert _title(response).startswith("Error:")
    assert escape(str(message)) in content


def assert_form_error(response, field, message):
    assert_error_page(response, message)
    field_errors = [str(error) for error in response.context["form"].errors.get(field, [])]
    assert str(message) in field_errors, response.context["form"].errors


def _links(response) -> dict[str, str]:
    """Link text -> href for every link on the page."""
    found = re.findall(r'<a\b[^>]*href="([^"]*)"[^>]*>(.*?)</a>', response.content.decode(), re.S)
    return {" ".join(unescape(text).split()): unescape(href) for href, text in found}


def _success_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "success"]


def _url(name, organisation, *args):
    return reverse(f"organisations:{name}", args=[organisation.slug, *args])


def _membership(organisation, user):
    return Membership.objects.get(organisation=organisation, user=user)


# --- Register an organisation ----------------------------------------------------------


def register_data(**overrides):
    data = {"name": "Hafan Women's Aid", "sector": Sector.THIRD_SECTOR, "size_band": SizeBand.SMALL}
    return {**data, **overrides}


def test_registering_makes_the_user_lead_and_shows_the_overview():
    user = UserFactory()
    client = client_for(user)

    response = client.post(REGISTER, register_data())

    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("overview", organisation)
    assert organisation.name == "Hafan Women's Aid"
    assert organisation.sector == Sector.THIRD_SECTOR
    assert organisation.size_band == SizeBand.SMALL
    assert _membership(organisation, user).role == Role.LEAD
    assert client.get(response["Location"]).status_code == 200


def test_register_page_needs_sign_in(client):
    response = client.post(REGISTER, register_data())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the name of the organisation"),
        ({"name": "   "}, "name", "Enter the name of the organisation"),
        ({"name": "N" * 201}, "name", "Organisation name must be 200 characters or fewer"),
        ({"sector": "spaceships"}, "sector", "Select a sector from the list"),
        ({"sector": ""}, "sector", "Select the sector the organisation is in"),
        (
            {"size_band": ""},
            "size_band",
            "Select how many staff and volunteers the organisation has",
        ),
        ({"size_band": "a million"}, "size_band", "Select a size from the list"),
    ],
    ids=[
        "empty name",
        "blank name",
        "name too long",
        "unknown sector",
        "no sector",
        "no size",
        "unknown size",
    ],
)
def test_registering_with_bad_input_creates_nothing(overrides, field, message):
    user = UserFactory()

    response = client_for(user).post(REGISTER, register_data(**overrides))

    assert_form_error(response, field, message)
    assert not Organisation.objects.exists()
    assert not Membership.objects.filter(user=user).exists()


def test_registering_with_the_size_field_left_out_creates_nothing():
    data = register_data()
    del data["size_band"]

    response = client_for(UserFactory()).post(REGISTER, data)

    assert_form_error(
        response, "size_band", "Select how many staff and volunteers the organisation has"
    )
    assert not Organisation.objects.exists()


def test_a_name_of_exactly_200_characters_is_accepted():
    response = client_for(UserFactory()).post(REGISTER, register_data(name="N" * 200))

    assert response.status_code == 302
    assert Organisation.objects.get().name == "N" * 200


# --- Edit organisation -----------------------------------------------------------------


def test_lead_saves_changes_to_the_organisation(organisation, lead_client):
    response = lead_client.post(
        _url("edit", organisation),
        {
            "name": "Cwm Afon Homes",
            "sector": Sector.HOUSING,
            "size_band": SizeBand.LARGE,
            "version": organisation.version,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == _url("overview", organisation)
    organisation.refresh_from_db()
    assert organisation.name == "Cwm Afon Homes"
    assert organisation.sector == Sector.HOUSING
    assert organisation.size_band == SizeBand.LARGE
    assert organisation.slug == "cwm-afon-housing"  # links keep working


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the name of the organisation"),
        ({"name": "N" * 201}, "name", "Organisation name must be 200 characters or fewer"),
        ({"sector": "spaceships"}, "sector", "Select a sector from the list"),
        (
            {"size_band": ""},
            "size_band",
            "Select how many staff and volunteers the organisation has",
        ),
    ],
    ids=["empty name", "name too long", "unknown sector", "no size"],
)
def test_editing_with_bad_input_saves_nothing(organisation, lead_client, overrides, field, message):
    data = {"name": "Changed Name", "sector": Sector.EDUCATION, "size_band": SizeBand.MICRO}

    response = lead_client.post(_url("edit", organisation), {**data, **overrides})

    assert_form_error(response, field, message)
    organisation.refresh_from_db()
    assert organisation.name == "Cwm Afon Housing"
    assert organisation.sector == Sector.HEALTH
    assert organisation.size_band == SizeBand.MEDIUM


# --- Invite ----------------------------------------------------------------------------


def test_lead_invites_someone_and_an_email_is_sent(
    organisation, lead_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(
            _url("invite", organisation),
            {"email": "Nia@Example.org", "role": Role.REVIEWER, "language": "en"},
        )

    assert response.status_code == 302
    assert response["Location"] == _url("members", organisation)
    invitation = Invitation.objects.get(organisation=organisation)
    assert invitation.email == "nia@example.org"
    assert invitation.role == Role.REVIEWER
    assert invitation.language == "en"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "You are invited to join “Cwm Afon Housing”"
    assert mailoutbox[0].to == ["nia@example.org"]
    assert "http://testserver/invitations/" in mailoutbox[0].body
    assert _success_messages(response) == ["We are sending the invitation to nia@example.org."]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"email": "", "role": Role.CONTRIBUTOR},
            "email",
            "Enter the email address of the person you want to invite",
        ),
        (
            {"email": "nia-at-example.org", "role": Role.CONTRIBUTOR},
            "email",
            "Enter an email address in the correct format, like name@example.org",
        ),
        (
            {"email": "n" * 243 + "@example.org", "role": Role.CONTRIBUTOR},
            "email",
            "Email address must be 254 characters or fewer",
        ),
        ({"email": "nia@example.org", "role": "superuser"}, "role", "Select a role from the list"),
        ({"email": "nia@example.org", "role": ""}, "role", "Select a role"),
        ({"email": "nia@example.org"}, "role", "Select a role"),
        (
            {"email": "nia@example.org", "role": Role.LEAD, "language": "fr"},
            "language",
            "Select a language from the list",
        ),
        (
            {"email": "nia@example.org", "role": Role.LEAD},
            "language",
            "Select the language of the invitation email",
        ),
    ],
    ids=[
        "empty email",
        "invalid email",
        "email too long",
        "unknown role",
        "empty role",
        "no role",
        "unknown language",
        "no language",
    ],
)
def test_inviting_with_bad_input_creates_nothing_and_sends_nothing(
    organisation,
    lead_client,
    mailoutbox,
    django_capture_on_commit_callbacks,
    data,
    field,
    message,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(_url("invite", organisation), data)

    assert_form_error(response, field, message)
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_inviting_an_existing_member_creates_nothing_and_sends_nothing(
    organisation, lead_client, contributor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(
            _url("invite", organisation),
            {"email": contributor.email.upper(), "role": Role.BOARD, "language": "both"},
        )

    assert_form_error(
        response, "email", f"{contributor.email} is already a member of Cwm Afon Housing."
    )
    assert not Invitation.objects.exists()
    assert mailoutbox == []


# --- Change role -----------------------------------------------------------------------


def test_lead_changes_a_contributor_to_reviewer(organisation, lead_client, contributor):
    membership = _membership(organisation, contributor)

    response = lead_client.post(
        _url("change_role", organisation, membership.pk), {"role": Role.REVIEWER, "version": 1}
    )

    assert response.status_code == 302
    assert response["Location"] == _url("members", organisation)
    membership.refresh_from_db()
    assert membership.role == Role.REVIEWER
    assert _success_messages(response) == [f"{contributor.full_name} is now a reviewer."]


@pytest.mark.parametrize(
    ("data", "message"),
    [({"role": "superuser"}, "Select a role from the list"), ({}, "Select a role")],
    ids=["unknown role", "no role"],
)
def test_changing_to_an_invalid_role_leaves_the_role_unchanged(
    organisation, lead_client, contributor, data, message
):
    membership = _membership(organisation, contributor)

    response = lead_client.post(_url("change_role", organisation, membership.pk), data)

    assert_form_error(response, "role", message)
    membership.refresh_from_db()
    assert membership.role == Role.CONTRIBUTOR


def test_the_only_lead_cannot_demote_themself(organisation, lead, lead_client):
    membership = _membership(organisation, lead)

    response = lead_client.post(
        _url("change_role", organisation, membership.pk), {"role": Role.CONTRIBUTOR, "version": 1}
    )

    assert_form_error(response, "role", LAST_LEAD)
    membership.refresh_from_db()
    assert membership.role == Role.LEAD


# --- Remove member ---------------------------------------------------------------------


def test_remove_page_asks_to_confirm_with_the_members_name(organisation, lead_client, contributor):
    membership = _membership(organisation, contributor)

    response = lead_client.get(_url("remove_member", organisation, membership.pk))

    assert response.status_code == 200
    assert escape(contributor.full_name) in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_lead_removes_a_member(organisation, lead_client, contributor):
    membership = _membership(organisation, contributor)

    response = lead_client.post(_url("remove_member", organisation, membership.pk))

    assert response.status_code == 302
    assert response["Location"] == _url("members", organisation)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert _success_messages(response) == [
        f"{contributor.full_name} has been removed from Cwm Afon Housing."
    ]
    # the removed person can no longer open the organisation
    assert client_for(contributor).get(_url("overview", organisation)).status_code == 404


def test_removing_the_last_lead_shows_the_error_and_keeps_them(organisation, lead, lead_client):
    membership = _membership(organisation, lead)

    response = lead_client.post(_url("remove_member", organisation, membership.pk))

    assert_error_page(response, LAST_LEAD)
    assert Membership.objects.filter(pk=membership.pk, role=Role.LEAD).exists()


def test_a_lead_who_removes_themself_goes_home(organisation, lead, lead_client):
    MembershipFactory(organisation=organisation, role=Role.LEAD)
    membership = _membership(organisation, lead)

    response = lead_client.post(_url("remove_member", organisation, membership.pk))

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert lead_client.get(_url("overview", organisation)).status_code == 404


# --- Withdraw invitation ---------------------------------------------------------------


def test_lead_withdraws_an_invitation(organisation, lead_client):
    invitation = InvitationFactory(organisation=organisation, email="nia@example.org")

    response = lead_client.post(_url("revoke_invitation", organisation, invitation.pk))

    assert response.status_code == 302
    assert response["Location"] == _url("members", organisation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert _success_messages(response) == ["The invitation to nia@example.org has been withdrawn."]


def test_withdrawing_an_invitation_twice_says_so(organisation, lead_client):
    invitation = InvitationFactory(organisation=organisation, revoked_at=timezone.now())
    revoked_at = invitation.revoked_at

    response = lead_client.post(_url("revoke_invitation", organisation, invitation.pk), follow=True)

    assert response.status_code == 200
    assert "This invitation has already been used or withdrawn." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at == revoked_at


# --- Accept an invitation --------------------------------------------------------------


ACCEPT = reverse("invitation_accept", args=["known-token"])


@pytest.fixture
def invitation(organisation, lead):
    return InvitationFactory(
        organisation=organisation,
        email="nia@example.org",
        role=Role.REVIEWER,
        invited_by=lead,
        token="known-token",
    )


def test_signed_out_person_is_offered_create_an_account_and_sign_in(client, invitation):
    response = client.get(ACCEPT)

    assert response.status_code == 200
    links = _links(response)
    sign_up = urlsplit(links["Create an account"])
    sign_in = urlsplit(links["Sign in"])
    assert sign_up.path == reverse("accounts:sign_up")
    assert parse_qs(sign_up.query) == {"next": [ACCEPT], "email": ["nia@example.org"]}
    assert sign_in.path == reverse("accounts:login")
    assert parse_qs(sign_in.query) == {"next": [ACCEPT]}
    assert "Accept and join" not in response.content.decode()


def test_signed_out_person_can_create_an_account_confirm_it_then_accept(
    client, organisation, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up_url = _links(client.get(ACCEPT))["Create an account"]
    password = "fresh-harbour-lantern-42"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            sign_up_url,
            {
                "full_name": "Nia Jones",
                "email": "nia@example.org",
                "password1": password,
                "password2": password,
            },
        )
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+)", mailoutbox[-1].body)
    sign_in = client.post(link.group(1))["Location"]
    response = client.post(sign_in, {"username": "nia@example.org", "password": password})
    assert response["Location"] == ACCEPT
    assert "Accept and join" in client.get(ACCEPT).content.decode()

    response = client.post(ACCEPT)

    assert response["Location"] == _url("overview", organisation)
    membership = Membership.objects.get(organisation=organisation, user__email="nia@example.org")
    assert membership.role == Role.REVIEWER


def test_signed_out_post_is_sent_to_sign_in_and_creates_nothing(client, invitation):
    response = client.post(ACCEPT)

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("accounts:login")
    assert parse_qs(location.query) == {"next": [ACCEPT]}
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_invited_person_accepts_and_joins(organisation, invitation):
    user = UserFactory(email="Nia@example.org")
    client = client_for(user)

    page = client.get(ACCEPT)
    assert page.status_code == 200
    assert "Accept and join" in page.content.decode()

    response = client.post(ACCEPT)

    assert response.status_code == 302
    assert response["Location"] == _url("overview", organisation)
    assert _membership(organisation, user).role == Role.REVIEWER
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert _success_messages(response) == ["You have joined Cwm Afon Housing."]


def test_someone_signed_in_with_another_email_is_warned_and_cannot_accept(organisation, invitation):
    someone_else = UserFactory(email="someone.else@example.org")
    client = client_for(someone_else)

    page = client.get(ACCEPT)
    assert page.status_code == 200
    content = page.content.decode()
    assert "this invitation was sent to a different address" in content
    assert "Accept and join" not in content

    response = client.post(ACCEPT)

    assert response.status_code == 200
    assert "We cannot use this invitation" in response.content.decode()
    assert not Membership.objects.filter(user=someone_else).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.parametrize("signed_in", [False, True], ids=["signed out", "signed in"])
@pytest.mark.parametrize(
    ("token", "invitation_kwargs"),
    [
        ("known-token", {"expires_at": timezone.now() - timedelta(minutes=1)}),
        ("known-token", {"revoked_at": timezone.now()}),
        ("known-token", {"accepted_at": timezone.now()}),
        ("unknown-token", {}),
    ],
    ids=["expired", "withdrawn", "used", "unknown"],
)
def test_an_unusable_invitation_link_says_it_cannot_be_used(
    organisation, token, invitation_kwargs, signed_in
):
    InvitationFactory(
        organisation=organisation, email="nia@example.org", token="known-token", **invitation_kwargs
    )
    user = UserFactory(email="nia@example.org")
    client = client_for(user) if signed_in else Client()
    url = reverse("invitation_accept", args=[token])

    response = client.get(url)

    assert response.status_code == 200
    content = response.content.decode()
    assert "We cannot use this invitation" in content
    assert "Accept and join" not in content
    if signed_in:
        response = client.post(url)
        assert "We cannot use this invitation" in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()


# --- Home page -------------------------------------------------------------------------


def test_home_lists_your_organisations_and_invitations_only(
    organisation, other_organisation, lead, lead_client
):
    OrganisationFactory(name="Tŷ Hafan Trust")
    inviting = OrganisationFactory(name="Gwent Recovery Network")
    InvitationFactory(organisation=inviting, email=lead.email.upper())
    InvitationFactory(organisation=OrganisationFactory(name="Someone Else's Org"))
    InvitationFactory(
        organisation=OrganisationFactory(name="Expired Invitations Ltd"),
        email=lead.email,
        expires_at=timezone.now() - timedelta(minutes=1),
    )

    response = lead_client.get(reverse("home"))

    assert response.status_code == 200
    content = unescape(response.content.decode())
    assert "Cwm Afon Housing" in content
    assert _links(response)["Cwm Afon Housing"] == _url("overview", organisation)
    assert "Gwent Recovery Network" in content
    assert "Bro Teifi Youth Service" not in content
    assert "Tŷ Hafan Trust" not in content
    assert "Someone Else's Org" not in content
    assert "Expired Invitations Ltd" not in content
    assert [m.organisation for m in response.context["memberships"]] == [organisation]
    assert [i.organisation for i in response.context["invitations"]] == [inviting]


def test_an_unconfirmed_address_sees_no_invitations_and_cannot_register(organisation):
    user = UserFactory(email_confirmed_at=None)
    InvitationFactory(organisation=organisation, email=user.email)
    client = client_for(user)  # signed in another way than the sign-in page, which refuses

    home = client.get(reverse("home"))

    assert "Cwm Afon Housing" not in home.content.decode()
    assert "invitations" not in home.context
    assert client.post(REGISTER, register_data()).status_code == 403
    assert not Organisation.objects.filter(name="Hafan Women's Aid").exists()


@pytest.mark.parametrize(
    "name", ["NHS Wales - ACTION REQUIRED: http://evil.example", "Visit www.evil", "nhs.wales"]
)
def test_an_organisation_name_with_a_web_address_is_refused(name):
    response = client_for(UserFactory()).post(REGISTER, register_data(name=name))

    assert_form_error(
        response, "name", "Organisation name must not include a web address or an email address"
    )
    assert not Organisation.objects.exists()


def test_invitations_are_limited_per_person_and_per_address(
    organisation, lead_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        to_one = [
            lead_client.post(
                _url("invite", organisation),
                {"email": "nia@example.org", "role": Role.REVIEWER, "language": "en"},
            )
            for _ in range(4)
        ]
        Invitation.objects.all().delete()  # withdrawn, so that asking again is allowed
        to_many = [
            lead_client.post(
                _url("invite", organisation),
                {"email": f"p{n}@example.org", "role": Role.REVIEWER, "language": "en"},
            )
            for n in range(30)
        ]

    assert [r.status_code for r in to_one[:3]] == [302] * 3  # inviting again sends a new link
    assert "the most we send to one address in a day" in to_one[-1].content.decode()
    assert [r.status_code for r in to_many[:26]] == [302] * 26
    assert "the most we send for one person" in to_many[-1].content.decode()
    # three to Nia, then 26 of the thirty to others: nothing over either limit is sent
    assert len(mailoutbox) == 29


def test_home_for_someone_with_no_organisations_lists_none(organisation):
    response = client_for(UserFactory()).get(reverse("home"))

    assert response.status_code == 200
    assert "Cwm Afon Housing" not in response.content.decode()
    assert list(response.context["memberships"]) == []


@pytest.mark.django_db(transaction=True)
def test_whoever_invited_is_told_in_their_language_when_the_invitation_is_accepted(
    organisation, invitation, lead
):
    from django.core import mail

    lead.language = "cy"
    lead.save(update_fields=["language"])
    nia = UserFactory(email="nia@example.org", full_name="Nia Rees")
    client_for(nia).post(ACCEPT)
    [told] = [m for m in mail.outbox if lead.email in m.to]
    assert told.subject == "Mae Nia Rees wedi ymuno â “Cwm Afon Housing”"
    assert f"http://testserver{_url('members', organisation)}" in told.body
    client_for(nia).post(ACCEPT)  # already a member: nobody is told twice
    assert len([m for m in mail.outbox if lead.email in m.to]) == 1
