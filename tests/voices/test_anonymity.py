"""Anonymous by design: what a person sends keeps nothing that could say who they are.

The stored rows are inspected: no network address or browser anywhere in the database, no
time finer than the day, comments kept apart from answers, and names, email addresses and
phone numbers masked before anything is stored."""

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import CycleFactory
from tests.voices.factories import AGREE, feedback_round
from trauma_wales.rate_limits import unlinkable
from voices.masking import mask_personal_details
from voices.models import FeedbackAnswer, FeedbackComment, FeedbackResponse

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
BROWSER = "Mozilla/5.0 (Anonymity test browser 4.2)"
NAME, EMAIL = "[name removed]", "[email address removed]"
PHONE = "[phone number removed]"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Email me at jo.bloggs@example.com please", f"Email me at {EMAIL} please"),
        ("Call 07700 900123 or +44 (0)29 2034 5678.", f"Call {PHONE} or {PHONE}."),
        ("I spoke to Gareth about it.", f"I spoke to {NAME} about it."),
        ("Ask Sarah Jones at reception.", f"Ask {NAME} at reception."),
        ("My name is Dafydd.", f"My name is {NAME}."),
        ("Nurse Evans and Dr. Smith were kind.", f"{NAME} and {NAME} were kind."),
        ("Mae Siân yn garedig iawn.", f"Mae {NAME} yn garedig iawn."),
        # what is not a name stays: the pronoun, days, places, services, the organisation
        ("I came on Monday to the NHS clinic in Wales.", None),
        ("The letter from Cwm Afon was late.", None),
        ("It was 12/03/2026 at 10:30, in 2026.", None),
        ("The waiting room is calm.", None),
    ],
)
def test_names_emails_and_phone_numbers_are_masked(typed, kept):
    masked = mask_personal_details(typed, allowed=frozenset({"Cwm", "Afon"}))
    assert masked == (kept if kept is not None else typed)


def test_a_name_opening_a_sentence_is_the_known_gap_the_lead_is_told_about():
    assert mask_personal_details("Sarah was lovely.") == "Sarah was lovely."


def _every_text_in_the_database() -> list[str]:
    found = []
    for model in apps.get_models():
        text_fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
            or f.get_internal_type() == "GenericIPAddressField"
        ]
        if text_fields:
            for row in model.objects.values_list(*text_fields):
                found.extend(str(value) for value in row if value)
    return found


def test_no_address_browser_or_time_of_day_reaches_the_database(organisation, framework_content):
    feedback = feedback_round(CycleFactory(organisation=organisation, year=2026))
    statement = feedback.statements.order_by("order").first()
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=BROWSER)
    client.get(reverse("feedback:start", kwargs={"token": feedback.token}))
    response = client.post(
        reverse("feedback:answer", kwargs={"token": feedback.token}) + "?layout=all",
        {
            f"statement_{statement.pk}": AGREE,
            "comment": "I am Ffion, call me on 07700 900456 or ffion@example.org",
            "go": "send",
        },
    )
    assert response.status_code == 302

    texts = _every_text_in_the_database()
    assert not [t for t in texts if ADDRESS in t or "Anonymity test browser" in t]
    assert not [t for t in texts if "Ffion" in t or "07700" in t or "ffion@" in t]
    assert FeedbackComment.objects.get().text == f"I am {NAME}, call me on {PHONE} or {EMAIL}"
    # What each row holds, and nothing more: no account, no time finer than the day, and
    # a comment with no link to the answers it came with.
    assert {f.name for f in FeedbackResponse._meta.concrete_fields} == {
        "id", "round", "received_on", "language",
    }  # fmt: skip
    assert {f.name for f in FeedbackAnswer._meta.concrete_fields} == {
        "id", "response", "statement", "value",
    }  # fmt: skip
    assert {f.name for f in FeedbackComment._meta.concrete_fields} == {
        "id", "round", "text", "received_on", "language", "decision",
    }  # fmt: skip
    assert isinstance(FeedbackResponse._meta.get_field("received_on"), models.DateField)
    assert not isinstance(FeedbackResponse._meta.get_field("received_on"), models.DateTimeField)
    # Answering starts no session: nothing on the server ties the pages together.
    assert "sessionid" not in client.cookies


def test_the_rate_limits_count_under_a_key_the_address_cannot_be_read_from(settings):
    key = unlinkable("round-token", ADDRESS)
    assert ADDRESS not in key and len(key) == 64
    settings.SECRET_KEY = "another secret"
    assert unlinkable("round-token", ADDRESS) != key


def test_comments_are_listed_in_an_order_that_does_not_tell_when_they_came(
    organisation, framework_content
):
    feedback = feedback_round(
        CycleFactory(organisation=organisation, year=2026),
        comments=(("Zebra crossing outside", "waiting"), ("Always kind", "waiting")),
    )
    assert [c.text for c in FeedbackComment.objects.filter(round=feedback)] == [
        "Always kind",
        "Zebra crossing outside",
    ]
