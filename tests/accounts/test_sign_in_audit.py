"""Signing in, failing to and signing out are recorded, through every way in.

A failed attempt keeps the email only when it is an account's: whatever else someone types
into the sign-in form is not stored.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory
from trauma_wales.models import AuditEntry

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, email: str, password: str, url: str = "accounts:login"):
    return client.post(reverse(url), {"username": email, "password": password})


def test_signing_in_and_out_through_the_pages_is_recorded():
    user = UserFactory(full_name="Siân Jones")
    client = Client()
    assert _sign_in(client, user.email, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    entries = AuditEntry.objects.order_by("pk")
    assert [(e.action, e.actor_id, e.actor_name) for e in entries] == [
        ("user.signed_in", user.pk, "Siân Jones"),
        ("user.signed_out", user.pk, "Siân Jones"),
    ]


def test_a_failed_sign_in_keeps_the_email_of_an_account_and_nobody_as_actor():
    user = UserFactory()
    _sign_in(Client(), user.email.upper(), "not-the-password")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor_id, entry.details) == (
        "user.sign_in_failed",
        None,
        {"email": user.email},
    )
    assert entry.target_id == str(user.pk)


@pytest.mark.parametrize("typed", ["nobody@example.org", "x" * 240 + "@example.org", "' OR 1=1 --"])
def test_a_failed_sign_in_with_an_unknown_email_stores_nothing_typed(typed):
    _sign_in(Client(), typed, "whatever-was-typed")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.details, entry.target_id) == ("user.sign_in_failed", {}, "")
    assert "whatever-was-typed" not in str(entry.__dict__)


def test_the_platform_admin_sign_in_is_recorded_too():
    staff = UserFactory(is_staff=True)
    _sign_in(Client(), staff.email, PASSWORD, url="admin:login")
    _sign_in(Client(), staff.email, "wrong-password", url="admin:login")
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "target_id")) == [
        ("user.signed_in", str(staff.pk)),
        ("user.sign_in_failed", str(staff.pk)),
    ]


def test_changing_a_password_is_recorded_without_the_password():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    new = "a-brand-new-password-42"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="user.password_changed")
    assert entry.actor_id == user.pk
    assert new not in str(entry.details)
