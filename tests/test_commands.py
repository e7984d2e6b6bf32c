"""Management commands: demo data and registering an organisation for a lead."""

import io

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from action_plans.models import ActionPlan, PlanStatus
from demo.networks import PEERS
from demo.seed import DEMO_PASSWORD, DEMO_PEOPLE
from organisations.models import Membership, Organisation
from trauma_wales.models import OutgoingEmail
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db


def test_seed_demo_prints_working_logins_and_can_run_twice(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    assert Organisation.objects.count() == 2 + len(PEERS)  # the network's peers too
    for person in DEMO_PEOPLE:
        assert person.email in out
        membership = Membership.objects.get(user__email=person.email)
        assert membership.role == person.role
        signed_in = Client().post(
            reverse("accounts:login"), {"username": person.email, "password": DEMO_PASSWORD}
        )
        assert signed_in.status_code == 302, person.email  # confirmed, with the printed password


def test_seed_demo_emails_nobody(settings, django_capture_on_commit_callbacks):
    """The demo plan goes through review, which would email the demo people."""
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []
    assert ActionPlan.objects.filter(status=PlanStatus.APPROVED).exists()  # it was reviewed


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_create_organisation_for_a_new_lead_emails_a_set_password_link(
    capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_organisation", name="Ysgol Glan Môr", sector="education",
            size_band="50-249", lead_email="Pennaeth@Example.org", lead_name="Elin Roberts",
        )  # fmt: skip
    organisation = Organisation.objects.get(name="Ysgol Glan Môr")
    user = User.objects.get(email="pennaeth@example.org")
    assert Membership.objects.get(organisation=organisation, user=user).role == Role.LEAD
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    link = capsys.readouterr().out.split("Set-password link:")[1].split()[0]
    # Both links carry a valid token; they may differ if the clock ticked between them.
    uid, token = link.rstrip("/").split("/")[-2:]
    assert f"/accounts/password/reset/{uid}/" in mail.outbox[0].body
    assert default_token_generator.check_token(user, token)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"lead_email": "not-an-email"}, "Not a valid email"),
        ({"lead_email": "new@example.org"}, "--lead-name"),
        ({"name": " "}, "between 1 and 200"),
    ],
)
def test_create_organisation_refuses_bad_input(options, message):
    arguments = {
        "name": "Valid",
        "sector": "health",
        "size_band": "1-9",
        "lead_email": "x@example.org",
    }
    arguments.update(options)
    with pytest.raises(CommandError, match=message):
        call_command("create_organisation", **arguments)
    assert not Organisation.objects.exists()
