"""A person's language is remembered on their account and follows them to every device.

The language switcher stores a signed-in person's choice (audited), sign-in puts it back
on the browser's language cookie, and sign-up keeps the language the page was in. These
tests guard that chain: if any link breaks, a Welsh speaker gets English pages or emails.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory
from tests.conftest import client_for
from trauma_wales.models import AuditEntry

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
SWITCH = reverse("set_language")
SIGN_IN = reverse("accounts:login")
SIGN_UP = reverse("accounts:sign_up")
HOME = reverse("home")


def switch(client, language):
    return client.post(SWITCH, {"language": language, "next": HOME})


def page_language(client) -> str:
    page = client.get(HOME).content.decode()
    return "cy" if '<html lang="cy"' in page else "en" if '<html lang="en"' in page else "?"


def browser(language: str = "") -> Client:
    client = Client()
    if language:
        client.cookies[COOKIE] = language
    return client


# --- The language switcher -------------------------------------------------------------


def test_switching_while_signed_in_stores_the_choice_and_audits_it():
    user = UserFactory(language="")

    response = switch(client_for(user), "cy")

    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "cy"
    user.refresh_from_db()
    assert user.language == "cy"
    entry = AuditEntry.objects.get(action="user.language_changed")
    assert entry.actor == user
    assert entry.target_id == str(user.pk)
    assert entry.details == {"changed": {"language": ["", "cy"]}}


def test_switching_back_is_stored_and_choosing_the_same_language_again_is_not_audited():
    user = UserFactory(language="cy")
    client = client_for(user)

    switch(client, "en")
    switch(client, "en")

    user.refresh_from_db()
    assert user.language == "en"
    entries = AuditEntry.objects.filter(action="user.language_changed")
    assert [entry.details for entry in entries] == [{"changed": {"language": ["cy", "en"]}}]


def test_switching_while_signed_out_sets_the_cookie_and_stores_nothing():
    user = UserFactory(language="")

    response = switch(Client(), "cy")

    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "cy"
    user.refresh_from_db()
    assert user.language == ""
    assert not AuditEntry.objects.filter(action="user.language_changed").exists()


@pytest.mark.parametrize("bad", ["fr", "", "cymraeg", "<script>"])
def test_an_unknown_language_code_changes_nothing_on_the_account(bad):
    user = UserFactory(language="cy")

    response = switch(client_for(user), bad)

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "cy"
    assert not AuditEntry.objects.filter(action="user.language_changed").exists()


# --- Sign-in applies the stored language -----------------------------------------------


@pytest.mark.parametrize(("stored", "cookie_before"), [("cy", ""), ("cy", "en"), ("en", "cy")])
def test_signing_in_switches_the_browser_to_the_stored_language(stored, cookie_before):
    user = UserFactory(language=stored)
    client = browser(cookie_before)

    response = client.post(SIGN_IN, {"username": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.cookies[COOKIE].value == stored
    assert page_language(client) == stored


@pytest.mark.parametrize("cookie_before", ["", "cy", "en"])
def test_signing_in_with_no_stored_language_keeps_the_browsers_language(cookie_before):
    user = UserFactory(language="")
    client = browser(cookie_before)

    response = client.post(SIGN_IN, {"username": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert COOKIE not in response.cookies
    assert page_language(client) == (cookie_before or "en")


def test_a_failed_sign_in_does_not_change_the_browsers_language():
    user = UserFactory(language="cy")
    client = browser("en")

    response = client.post(SIGN_IN, {"username": user.email, "password": "wrong-password"})

    assert response.status_code == 200
    assert COOKIE not in response.cookies
    assert page_language(client) == "en"


# --- Sign-up keeps the page's language -------------------------------------------------


@pytest.mark.parametrize(("cookie", "stored"), [("cy", "cy"), ("en", "en"), ("", "en")])
def test_signing_up_stores_the_language_of_the_page(cookie, stored):
    password = "fresh-harbour-lantern-42"
    data = {"full_name": "Ffion Pritchard", "email": "ffion@example.org",
            "password1": password, "password2": password}  # fmt: skip

    response = browser(cookie).post(SIGN_UP, data)

    assert response.status_code == 302
    assert User.objects.get(email="ffion@example.org").language == stored
