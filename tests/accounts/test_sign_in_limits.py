"""Guessing passwords and asking for password resets, as an attacker would: ten wrong
passwords lock the address for fifteen minutes (django-axes) on our sign-in page and the
platform admin's, whatever the case of the address; a new password from a reset link
unlocks it; and twenty reset requests send at most three emails."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:login")
ADMIN_SIGN_IN = reverse("admin:login")
NEW_PASSWORD = "fresh-harbour-lantern-42"
LOCKED = "You cannot sign in for now"


def attempt(client, email, password, url=SIGN_IN):
    return client.post(url, {"username": email, "password": password})


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


def test_fifty_wrong_passwords_lock_the_address_and_the_right_one_then_fails(client):
    user = UserFactory(email="gwen@example.org")
    answers = [
        attempt(client, email, "not-my-password")
        for email in ["gwen@example.org", "GWEN@example.org", " Gwen@Example.org "] * 17
    ][:50]

    assert [a.status_code for a in answers[:9]] == [200] * 9
    assert {a.status_code for a in answers[10:]} == {429}
    assert LOCKED in answers[-1].content.decode()
    assert "try again in 15 minutes" in answers[-1].content.decode()
    right = attempt(Client(), user.email, PASSWORD)
    assert right.status_code == 429 and not signed_in(client)


def test_the_lock_is_per_address(client):
    UserFactory(email="gwen@example.org")
    other = UserFactory(email="owain@example.org")
    for _ in range(10):
        attempt(client, "gwen@example.org", "not-my-password")

    assert attempt(client, other.email, PASSWORD).status_code == 302


def test_the_lock_ends_after_fifteen_minutes(client):
    user = UserFactory(email="gwen@example.org")
    for _ in range(10):
        attempt(client, user.email, "not-my-password")
    assert attempt(client, user.email, PASSWORD).status_code == 429

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert attempt(client, user.email, PASSWORD).status_code == 302


def test_a_new_password_from_a_reset_link_unlocks_the_address(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="gwen@example.org")
    for _ in range(10):
        attempt(client, user.email, "not-my-password")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": user.email})
    link = next(word for word in mailoutbox[0].body.split() if "/password/reset/" in word)
    set_password = client.get(link.removeprefix("http://testserver"), follow=True)
    client.post(
        set_password.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert attempt(Client(), user.email, NEW_PASSWORD).status_code == 302


def test_the_platform_admin_sign_in_is_locked_the_same_way(client):
    admin = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    for _ in range(10):
        attempt(client, admin.email, "not-my-password", ADMIN_SIGN_IN)

    locked = attempt(client, admin.email, PASSWORD, ADMIN_SIGN_IN)

    assert locked.status_code == 429 and LOCKED in locked.content.decode()


def test_twenty_reset_requests_send_at_most_three_emails(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="gwen@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            client.post(reverse("accounts:password_reset"), {"email": "gwen@example.org"})
            for _ in range(20)
        ]

    assert {a["Location"] for a in answers} == {reverse("accounts:password_reset_done")}
    assert len(mailoutbox) == 3


def test_one_network_asking_for_many_addresses_sends_at_most_ten(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(15):
        UserFactory(email=f"p{n}@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(15):
            client.post(reverse("accounts:password_reset"), {"email": f"p{n}@example.org"})

    assert len(mailoutbox) == 10
