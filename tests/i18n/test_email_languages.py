"""Every email reaches each person in their own language.

A Welsh-speaking invitee, a Welsh reviewer and an English lead must each get subject and
body in their language, whatever language the page was in when the email was triggered;
someone whose language we do not know gets both, Welsh first. The expected texts are the
Welsh catalogue's (locale/cy/LC_MESSAGES/django.po), written out here so that a missing
or broken translation fails too.
"""

from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from action_plans.models import PlanStatus
from action_plans.services import plan_move
from organisations.models import Invitation
from tests.accounts.factories import UserFactory
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.conftest import client_for
from tests.organisations.factories import MembershipFactory
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
TITLE = "Becoming trauma-informed: 2026 to 2027"

# (subject, a line of the body) in each language, from the templates and the catalogue.
INVITATION = {
    "cy": ("Rydych wedi cael gwahoddiad i ymuno â “Cwm Afon Housing”",
           "Defnyddiwch y ddolen hon i dderbyn:"),
    "en": ("You are invited to join “Cwm Afon Housing”", "Use this link to accept:"),
}  # fmt: skip
PLAN_SUBMITTED = {
    "cy": (f"Cynllun gweithredu yn barod i'w adolygu: {TITLE}",
           "Gallwch ei gymeradwyo, neu ofyn am newidiadau gyda sylw:"),
    "en": (f"Action plan ready for review: {TITLE}",
           "You can approve it, or ask for changes with a comment:"),
}  # fmt: skip
PLAN_APPROVED = {
    "cy": (f"Cynllun gweithredu wedi'i gymeradwyo: {TITLE}",
           "Gallwch nawr gofnodi cynnydd ar bob cam gweithredu:"),
    "en": (f"Action plan approved: {TITLE}", "You can now record progress on each action:"),
}  # fmt: skip
OVERDUE_DIGEST = {
    "cy": ("Mae gennych 1 cam gweithredu sy'n hwyr",
           "Mewngofnodwch i gofnodi cynnydd ar bob cam gweithredu"),
    "en": ("You have 1 overdue action", "Please sign in to record progress on each action"),
}  # fmt: skip
PASSWORD_RESET = {
    "cy": ("Ailosod eich cyfrinair",
           "Defnyddiwch y ddolen hon i ddewis cyfrinair newydd. Mae'n gweithio am un diwrnod:"),
    "en": ("Reset your password", "Use this link to choose a new password. It works for one day:"),
}  # fmt: skip


def assert_in(language, message, texts):
    """The message's subject and body are in `language` only."""
    other = "en" if language == "cy" else "cy"
    subject, line = texts[language]
    assert message.subject == subject
    assert line in message.body
    assert texts[other][0] not in message.subject
    assert texts[other][1] not in message.body


def message_to(mailoutbox, email):
    sent = [message for message in mailoutbox if message.to == [email]]
    assert len(sent) == 1, [message.to for message in mailoutbox]
    return sent[0]


def on_page_in(client, language):
    client.cookies[COOKIE] = language
    return client


# --- Invitations -----------------------------------------------------------------------


def invite(client, organisation, capture, language):
    with capture(execute=True):
        return client.post(
            reverse("organisations:invite", args=[organisation.slug]),
            {"email": "nia@example.org", "role": Role.REVIEWER, "language": language},
        )


@pytest.mark.parametrize(("chosen", "page"), [("cy", "en"), ("en", "cy")])
def test_an_invitation_is_in_the_language_the_lead_chose_whatever_the_page(
    organisation, lead_client, mailoutbox, django_capture_on_commit_callbacks, chosen, page
):
    on_page_in(lead_client, page)

    response = invite(lead_client, organisation, django_capture_on_commit_callbacks, chosen)

    assert response.status_code == 302
    assert Invitation.objects.get(organisation=organisation).language == chosen
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nia@example.org"]
    assert_in(chosen, mailoutbox[0], INVITATION)
    assert "http://testserver/invitations/" in mailoutbox[0].body


def test_an_invitation_in_both_languages_is_one_email_welsh_first(
    organisation, lead_client, mailoutbox, django_capture_on_commit_callbacks
):
    response = invite(lead_client, organisation, django_capture_on_commit_callbacks, "both")

    assert response.status_code == 302
    assert Invitation.objects.get(organisation=organisation).language == ""
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == f"{INVITATION['cy'][0]} / {INVITATION['en'][0]}"
    welsh, english = message.body.find(INVITATION["cy"][1]), message.body.find(INVITATION["en"][1])
    assert 0 <= welsh < english


@pytest.mark.parametrize(
    ("language", "error"),
    [
        ("fr", "Select a language from the list"),
        ("", "Select the language of the invitation email"),
    ],
)
def test_the_invite_form_refuses_a_bad_language_and_sends_nothing(
    organisation, lead_client, mailoutbox, django_capture_on_commit_callbacks, language, error
):
    response = invite(lead_client, organisation, django_capture_on_commit_callbacks, language)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert response.context["form"].errors["language"] == [error]
    assert not Invitation.objects.exists()
    assert mailoutbox == []


# --- Plan review -----------------------------------------------------------------------


@pytest.fixture
def plan(organisation):
    plan = PlanFactory(cycle__organisation=organisation, title=TITLE)
    ActionFactory(plan=plan)
    return plan


def test_a_submitted_plan_reaches_each_reviewer_in_their_language(
    organisation, plan, lead, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    reviewer.language = "cy"
    reviewer.save()
    english_reviewer = MembershipFactory(
        organisation=organisation, role=Role.REVIEWER, user__language="en"
    ).user

    with django_capture_on_commit_callbacks(execute=True):
        plan_move(plan=plan, to_status=PlanStatus.IN_REVIEW, actor=lead,
                  plan_url="http://testserver/plan/")  # fmt: skip

    assert len(mailoutbox) == 2
    assert_in("cy", message_to(mailoutbox, reviewer.email), PLAN_SUBMITTED)
    assert_in("en", message_to(mailoutbox, english_reviewer.email), PLAN_SUBMITTED)


def test_an_english_lead_hears_of_approval_in_english_when_approved_on_a_welsh_page(
    organisation, plan, lead, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    lead.language = "en"
    lead.save()
    plan.status = PlanStatus.IN_REVIEW
    plan.save()
    welsh_page = on_page_in(client_for(reviewer), "cy")
    step_url = reverse("plans:step", args=[organisation.slug, plan.cycle.pk, "review"])

    with django_capture_on_commit_callbacks(execute=True):
        response = welsh_page.post(
            step_url, {"decision": "approved", "comment": "", "version": plan.version}, follow=True
        )

    assert '<html lang="cy"' in response.content.decode()  # the reviewer's page was Welsh
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert len(mailoutbox) == 1
    assert_in("en", message_to(mailoutbox, lead.email), PLAN_APPROVED)


# --- Overdue digest --------------------------------------------------------------------


def test_overdue_digests_go_to_each_person_in_their_language(
    organisation, mailoutbox, django_capture_on_commit_callbacks
):
    plan = PlanFactory(cycle__organisation=organisation, status=PlanStatus.APPROVED)
    welsh = MembershipFactory(organisation=organisation, user__language="cy")
    english = MembershipFactory(organisation=organisation, user__language="en")
    for member in (welsh, english):
        ActionFactory(plan=plan, responsible_member=member, target_date=date(2026, 5, 1))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_overdue_digests", "--date", "2026-06-01", stdout=StringIO())

    assert len(mailoutbox) == 2
    welsh_digest = message_to(mailoutbox, welsh.user.email)
    assert_in("cy", welsh_digest, OVERDUE_DIGEST)
    assert "1 Mai 2026" in welsh_digest.body
    assert_in("en", message_to(mailoutbox, english.user.email), OVERDUE_DIGEST)


# --- Password reset --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "page", "expected"),
    [("cy", "en", "cy"), ("", "cy", "cy"), ("en", "cy", "en"), ("", "en", "en")],
    ids=["welsh user, english page", "unknown, welsh page",
         "english user, welsh page", "unknown, english page"],
)  # fmt: skip
def test_a_password_reset_is_in_the_users_language_else_the_pages(
    mailoutbox, django_capture_on_commit_callbacks, stored, page, expected
):
    user = UserFactory(email="gwen@example.org", language=stored)

    with django_capture_on_commit_callbacks(execute=True):
        response = on_page_in(Client(), page).post(
            reverse("accounts:password_reset"), {"email": user.email}
        )

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    assert_in(expected, mailoutbox[0], PASSWORD_RESET)
    assert "http://testserver/accounts/password/reset/" in mailoutbox[0].body
