"""Sign up, sign in, sign out, password reset and password change, through the test client."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.forms import PASSWORDS_DIFFER
from accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGN_UP = reverse("accounts:sign_up")
SIGN_IN = reverse("accounts:login")
SIGN_OUT = reverse("accounts:logout")
PASSWORD_RESET = reverse("accounts:password_reset")
PASSWORD_CHANGE = reverse("accounts:password_change")
NEW_PASSWORD = "fresh-harbour-lantern-42"


def _title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert match, "page has no <title>"
    return unescape(" ".join(match.group(1).split()))


def assert_form_error(response, field, message):
    """A GOV.UK error page: 200, error summary, "Error:" title, the message on the field."""
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert _title(response).startswith("Error:")
    assert escape(str(message)) in content
    field_errors = [str(error) for error in response.context["form"].errors.get(field, [])]
    assert str(message) in field_errors, response.context["form"].errors


def sign_up_data(**overrides):
    data = {
        "full_name": "Ffion Pritchard",
        "email": "ffion@example.org",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    return {**data, **overrides}


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


# --- Sign up ---------------------------------------------------------------------------


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """`client.post`, with the emails the request queues sent before it returns."""

    def post(url, data, *, using=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return (using or client).post(url, data, **kwargs)

    return post


def _confirm_link(message) -> str:
    match = re.search(r"https?://testserver(/accounts/confirm-email/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_sign_up_makes_an_unconfirmed_account_and_emails_a_link(client, post, mailoutbox):
    response = post(SIGN_UP, sign_up_data(email="Ffion.Pritchard@Example.ORG"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign_up_sent")
    user = User.objects.get()
    assert user.email == "ffion.pritchard@example.org"
    assert user.full_name == "Ffion Pritchard"
    assert user.check_password(NEW_PASSWORD)
    assert not user.has_confirmed_email
    assert signed_in_user_id(client) is None
    assert [m.to for m in mailoutbox] == [["ffion.pritchard@example.org"]]
    assert mailoutbox[0].subject == "Confirm your email address"
    page = client.get(response["Location"]).content.decode()
    assert "Check your email" in page and "ffion.pritchard@example.org" in page


def test_the_confirmation_link_asks_then_confirms_once_and_sign_in_works(client, post, mailoutbox):
    post(f"{SIGN_UP}?next=/invitations/some-token/", sign_up_data())
    link = _confirm_link(mailoutbox[0])
    refused = post(SIGN_IN, {"username": "ffion@example.org", "password": NEW_PASSWORD})
    assert "Confirm your email address before you sign in" in refused.content.decode()
    assert signed_in_user_id(client) is None

    opened = client.get(link)
    assert opened.status_code == 200
    assert not User.objects.get().has_confirmed_email  # opening the link confirms nothing
    confirmed = client.post(link)

    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"{SIGN_IN}?next=%2Finvitations%2Fsome-token%2F"
    assert User.objects.get().has_confirmed_email
    assert client.get(link).status_code == 404  # used: the link no longer works
    signed_in = client.post(
        confirmed["Location"], {"username": "ffion@example.org", "password": NEW_PASSWORD}
    )
    assert signed_in["Location"] == "/invitations/some-token/"


@pytest.mark.parametrize(
    "link", ["/accounts/confirm-email/MQ/nonsense/", "/accounts/confirm-email/²/x/"]
)
def test_a_wrong_confirmation_link_says_so_kindly(client, link):
    UserFactory(email_confirmed_at=None)
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "http://evil.example/home"]
)
def test_sign_up_ignores_a_next_url_on_another_site(client, post, mailoutbox, next_url):
    response = post(SIGN_UP, {**sign_up_data(), "next": next_url})

    assert response["Location"] == reverse("accounts:sign_up_sent")
    assert "evil" not in mailoutbox[0].body
    confirmed = client.post(_confirm_link(mailoutbox[0]))
    assert confirmed["Location"] == SIGN_IN
    assert urlsplit(confirmed["Location"]).netloc == ""


def test_sign_up_page_prefills_the_email_from_the_link(client):
    response = client.get(SIGN_UP, {"email": "invited@example.org"})

    assert response.status_code == 200
    assert response.context["form"]["email"].value() == "invited@example.org"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"full_name": ""}, "full_name", "Enter your full name"),
        ({"email": ""}, "email", "Enter your email address"),
        ({"password1": ""}, "password1", "Create a password"),
        ({"password2": ""}, "password2", "Enter the password again to confirm it"),
        ({"full_name": "A" * 151}, "full_name", "Full name must be 150 characters or fewer"),
        (
            {"email": "not-an-email"},
            "email",
            "Enter an email address in the correct format, like name@example.org",
        ),
        (
            {"password2": NEW_PASSWORD + "-typo"},
            "password2",
            PASSWORDS_DIFFER,
        ),
        (
            {"password1": "short1", "password2": "short1"},
            "password1",
            "This password is too short. It must contain at least 10 characters.",
        ),
        (
            {"password1": "qwertyuiop", "password2": "qwertyuiop"},
            "password1",
            "This password is too common.",
        ),
        (
            {"password1": " " * 12, "password2": " " * 12},
            "password1",
            "Your password cannot be only spaces. Choose one with letters or numbers.",
        ),
        (
            {"password1": "ffionpritchard", "password2": "ffionpritchard"},
            "password1",
            "The password is too similar to the full name.",
        ),
    ],
    ids=[
        "no name",
        "no email",
        "no password",
        "no confirmation",
        "name too long",
        "invalid email",
        "passwords differ",
        "password too short",
        "password too common",
        "password only spaces",
        "password like the name",
    ],
)
def test_sign_up_with_bad_input_shows_the_error_and_creates_nobody(
    client, overrides, field, message
):
    before = User.objects.count()

    response = client.post(SIGN_UP, sign_up_data(**overrides))

    assert_form_error(response, field, message)
    assert User.objects.count() == before
    assert signed_in_user_id(client) is None


def test_sign_up_with_all_fields_empty_shows_every_error(client):
    response = client.post(
        SIGN_UP, {"full_name": "", "email": "", "password1": "", "password2": ""}
    )

    assert_form_error(response, "full_name", "Enter your full name")
    assert_form_error(response, "email", "Enter your email address")
    assert_form_error(response, "password1", "Create a password")
    assert User.objects.count() == 0


def test_sign_up_with_an_email_over_254_characters_is_refused(client):
    long_email = "a" * 243 + "@example.org"  # 255 characters
    assert len(long_email) == 255

    response = client.post(SIGN_UP, sign_up_data(email=long_email))

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert _title(response).startswith("Error:")
    email_errors = " ".join(response.context["form"].errors["email"])
    assert "254 characters" in email_errors
    assert escape(email_errors) in response.content.decode()
    assert User.objects.count() == 0


def test_sign_up_long_email_message_is_in_the_service_wording(client):
    response = client.post(SIGN_UP, sign_up_data(email="a" * 243 + "@example.org"))

    assert_form_error(response, "email", "Email address must be 254 characters or fewer")


def test_sign_up_answers_the_same_for_an_address_with_an_account_and_emails_its_owner(
    client, post, mailoutbox
):
    owner = UserFactory(email="ffion@example.org", full_name="Ffion Owen")
    new = post(SIGN_UP, sign_up_data(email="newcomer@example.org"), using=Client(), follow=True)

    taken = post(SIGN_UP, sign_up_data(email="FFION@Example.Org"), follow=True)

    def page(response, address):
        html = response.content.decode().replace(address, "X")
        return re.sub(r'(nonce|value)="[A-Za-z0-9+/=]{20,}"', "", html)  # nonce, CSRF token

    assert taken.redirect_chain == new.redirect_chain
    assert page(taken, "ffion@example.org") == page(new, "newcomer@example.org")
    assert User.objects.filter(email="ffion@example.org").get() == owner
    owner.refresh_from_db()
    assert owner.full_name == "Ffion Owen" and owner.check_password(PASSWORD)
    to_owner = [m for m in mailoutbox if m.to == ["ffion@example.org"]]
    assert [m.subject for m in to_owner] == ["You already have an account"]
    assert "/accounts/password/reset/" in to_owner[0].body


def test_signing_up_again_before_confirming_sends_a_new_link(post, mailoutbox):
    post(SIGN_UP, sign_up_data())
    post(SIGN_UP, sign_up_data())

    assert User.objects.count() == 1
    assert [m.subject for m in mailoutbox] == ["Confirm your email address"] * 2


def test_an_address_gets_at_most_three_account_emails_an_hour(post, mailoutbox):
    for _ in range(10):
        response = post(SIGN_UP, sign_up_data())
        assert response["Location"] == reverse("accounts:sign_up_sent")
    for _ in range(10):
        post(SIGN_IN, {"username": "ffion@example.org", "password": NEW_PASSWORD})
        post(PASSWORD_RESET, {"email": "ffion@example.org"})

    assert len([m for m in mailoutbox if m.to == ["ffion@example.org"]]) == 3


def test_one_network_may_ask_for_ten_accounts_an_hour(client):
    for n in range(10):
        assert client.post(SIGN_UP, sign_up_data(email=f"p{n}@example.org")).status_code == 302
    refused = client.post(SIGN_UP, sign_up_data(email="p10@example.org"))

    assert "A lot of accounts have been asked for from your network" in refused.content.decode()
    assert not User.objects.filter(email="p10@example.org").exists()


@pytest.mark.parametrize(
    "name",
    ["Ffion http://evil.example", "Ffion (www.evil)", "ffion@evil.example", "Go to nhs.wales now"],
)
def test_a_full_name_with_a_web_address_is_refused(post, mailoutbox, name):
    response = post(SIGN_UP, sign_up_data(full_name=name))

    assert_form_error(
        response, "full_name", "Full name must not include a web address or an email address"
    )
    assert User.objects.count() == 0 and mailoutbox == []


# --- Sign in and sign out --------------------------------------------------------------


def test_sign_in_with_a_wrong_password_shows_a_friendly_error_and_does_not_sign_in(client):
    user = UserFactory()

    response = client.post(SIGN_IN, {"username": user.email, "password": "not-my-password"})

    assert response.status_code == 200
    assert _title(response).startswith("Error:")
    assert "There is a problem" in response.content.decode()
    assert "The email address or password is not right." in response.content.decode()
    assert signed_in_user_id(client) is None


def test_sign_in_with_the_right_password_signs_in_and_sends_them_on(client):
    user = UserFactory()

    response = client.post(SIGN_IN, {"username": user.email.upper(), "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("signed_in")  # then home, or their organisation
    assert str(signed_in_user_id(client)) == str(user.pk)


def test_sign_in_follows_a_local_next_url(client):
    user = UserFactory()

    response = client.post(
        f"{SIGN_IN}?next=/invitations/abc/", {"username": user.email, "password": PASSWORD}
    )

    assert response["Location"] == "/invitations/abc/"


def test_sign_out_is_post_only(client):
    user = UserFactory()
    client.force_login(user)

    assert client.get(SIGN_OUT).status_code == 405
    assert str(signed_in_user_id(client)) == str(user.pk)

    response = client.post(SIGN_OUT)

    assert response.status_code == 302
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "You have signed out."), ("cy", "Rydych chi wedi allgofnodi.")],
)
def test_signing_out_says_so_on_the_sign_in_page(client, language, message):
    client.force_login(UserFactory(language=language))
    client.cookies["django_language"] = language
    page = client.post(SIGN_OUT, follow=True)
    assert page.redirect_chain[-1][0] == reverse("accounts:login")
    assert message in page.content.decode()
    assert message not in client.get(reverse("accounts:login")).content.decode()  # once


# --- Password reset --------------------------------------------------------------------


def _reset_link(message) -> str:
    match = re.search(r"https?://testserver(/accounts/password/reset/\S+/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def _request_reset_and_follow_link(client, mailoutbox, after_commit, email):
    with after_commit(execute=True):  # the email is queued when the request's work commits
        client.post(PASSWORD_RESET, {"email": email})
    assert len(mailoutbox) == 1
    response = client.get(_reset_link(mailoutbox[0]), follow=True)
    assert response.context["validlink"] is True
    return response.redirect_chain[-1][0]


def test_password_reset_for_a_known_email_sends_one_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="gwen@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PASSWORD_RESET, {"email": "Gwen@Example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    assert _reset_link(mailoutbox[0])


def test_password_reset_link_sets_a_new_password_that_then_signs_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="gwen@example.org")
    set_password_url = _request_reset_and_follow_link(
        client, mailoutbox, django_capture_on_commit_callbacks, user.email
    )

    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    with_old = Client()
    with_old.post(SIGN_IN, {"username": user.email, "password": PASSWORD})
    assert signed_in_user_id(with_old) is None
    with_new = Client()
    signed_in = with_new.post(SIGN_IN, {"username": user.email, "password": NEW_PASSWORD})
    assert signed_in.status_code == 302
    assert str(signed_in_user_id(with_new)) == str(user.pk)


def test_password_reset_for_an_unknown_email_looks_the_same_and_sends_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="gwen@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PASSWORD_RESET, {"email": "nobody@example.org"}, follow=True)

    assert response.redirect_chain == [(reverse("accounts:password_reset_done"), 302)]
    assert "Check your email" in response.content.decode()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"},
            "new_password2",
            PASSWORDS_DIFFER,
        ),
        ({"new_password1": "", "new_password2": ""}, "new_password1", "Enter a new password"),
        (
            {"new_password1": NEW_PASSWORD, "new_password2": ""},
            "new_password2",
            "Enter the new password again to confirm it",
        ),
    ],
    ids=["mismatch", "empty", "no confirmation"],
)
def test_password_reset_with_bad_input_changes_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks, data, field, message
):
    user = UserFactory(email="gwen@example.org")
    set_password_url = _request_reset_and_follow_link(
        client, mailoutbox, django_capture_on_commit_callbacks, user.email
    )

    response = client.post(set_password_url, data)

    assert_form_error(response, field, message)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not user.check_password(NEW_PASSWORD)


# --- Password change -------------------------------------------------------------------


def test_password_change_needs_sign_in(client):
    response = client.get(PASSWORD_CHANGE)

    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)
    assert client.post(PASSWORD_CHANGE, {})["Location"].startswith(SIGN_IN)


def test_password_change_with_a_wrong_current_password_changes_nothing(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        PASSWORD_CHANGE,
        {
            "old_password": "not-my-password",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert_form_error(
        response, "old_password", "Your current password is not right. Check it and try again."
    )
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_with_the_right_password_changes_it_and_keeps_you_signed_in(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        PASSWORD_CHANGE,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(PASSWORD_CHANGE).status_code == 200
