"""Signed out after two hours without using the service; use keeps a person signed in; a
new role starts a new session."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.conftest import client_for
from tests.organisations.factories import InvitationFactory
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db


def home_status(client) -> int:
    return client.get(reverse("organisations:overview", args=["cwm-afon-housing"])).status_code


def test_two_hours_without_using_the_service_signs_a_person_out(lead):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = client_for(lead)
        assert home_status(client) == 200
        traveller.shift(timedelta(hours=1, minutes=59))
        assert home_status(client) == 200, "still signed in just before two hours"
        traveller.shift(timedelta(hours=2, minutes=1))
        assert home_status(client) == 302
        assert SESSION_KEY not in client.session


def test_using_the_service_keeps_a_person_signed_in_past_two_hours(lead):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = client_for(lead)
        for _ in range(6):  # six pages, 30 minutes apart: three hours in all
            traveller.shift(timedelta(minutes=30))
            assert home_status(client) == 200


def test_the_session_is_saved_again_only_now_and_then(lead):
    """Not a database write on every page: once five minutes have passed."""
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = client_for(lead)
        home_status(client)
        key = client.session.session_key

        def expiry():
            return Session.objects.get(session_key=key).expire_date

        first = expiry()
        traveller.shift(timedelta(minutes=4))
        home_status(client)
        assert expiry() == first
        traveller.shift(timedelta(minutes=2))
        home_status(client)
        assert expiry() == first + timedelta(minutes=6)
        assert client.session.session_key == key


def test_accepting_an_invitation_starts_a_new_session(organisation, client):
    person = UserFactory(email="nia@example.org")
    InvitationFactory(organisation=organisation, token="tok-new", email=person.email,
                      role=Role.REVIEWER)  # fmt: skip
    client.force_login(person)
    before = client.session.session_key
    response = client.post(reverse("invitation_accept", args=["tok-new"]))
    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session[SESSION_KEY] == str(person.pk)


def test_registering_an_organisation_starts_a_new_session(client):
    person = UserFactory()
    client.force_login(person)
    before = client.session.session_key
    response = client.post(
        reverse("organisation_register"),
        {"name": "Ysgol Glan Môr", "sector": "education", "size_band": "50-249"},
    )
    assert response.status_code == 302
    assert client.session.session_key != before
