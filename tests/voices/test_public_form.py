"""The pages anyone with a round's link answers on: both ways of answering, both
languages, bad input, a closed or unknown link, the honeypot, and the rate limits."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.assessments.factories import CycleFactory
from tests.voices.factories import AGREE, DISAGREE, feedback_round
from voices.models import FeedbackComment, FeedbackResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def feedback(organisation, framework_content):
    return feedback_round(CycleFactory(organisation=organisation, year=2026))


def url(feedback, name="feedback:answer", query=""):
    return reverse(name, kwargs={"token": feedback.token}) + query


def field(feedback, number):
    return f"statement_{feedback.statements.order_by('order')[number].pk}"


def test_the_first_page_says_it_is_anonymous_and_where_to_find_support(feedback):
    page = Client().get(url(feedback, "feedback:start")).content.decode()
    assert "It is anonymous" in page and "You can stop at any time" in page
    assert "Call 111 and press 2." in page  # the round's support text
    assert f'action="{url(feedback)}"' in page


def test_all_on_one_page_saves_the_answers_and_thanks_the_person(feedback):
    data = {field(feedback, 0): AGREE, field(feedback, 2): DISAGREE, "go": "send"}
    response = Client().post(url(feedback, query="?layout=all"), data)
    assert response.status_code == 302 and response["Location"] == url(feedback, "feedback:thanks")
    saved = FeedbackResponse.objects.get()
    assert saved.language == "en" and saved.received_on == timezone.localdate()
    assert sorted(saved.answers.values_list("value", flat=True)) == [AGREE, DISAGREE]
    assert Client().get(response["Location"]).status_code == 200


def test_one_at_a_time_carries_the_answers_in_the_form_until_sent(feedback):
    client = Client()
    first = client.get(url(feedback))
    assert "Statement 1 of 4" in first.content.decode()
    second = client.post(url(feedback), {"page": "1", "go": "next", field(feedback, 0): AGREE})
    html = second.content.decode()
    assert "Statement 2 of 4" in html
    assert f'name="{field(feedback, 0)}" value="{AGREE}"' in html  # carried, hidden
    assert FeedbackResponse.objects.count() == 0  # nothing kept yet
    back = client.post(url(feedback), {"page": "2", "go": "back", field(feedback, 0): AGREE})
    assert "Statement 1 of 4" in back.content.decode() and "checked" in back.content.decode()
    last = client.post(url(feedback), {"page": "4", "go": "next", field(feedback, 0): AGREE})
    assert "Anything else?" in last.content.decode()
    sent = client.post(
        url(feedback), {"page": "5", "go": "send", field(feedback, 0): AGREE, "comment": "Thanks"}
    )
    assert sent.status_code == 302
    assert FeedbackResponse.objects.get().answers.count() == 1
    assert FeedbackComment.objects.get().text == "Thanks"


def test_the_pages_read_in_welsh_and_the_response_says_which_language(feedback):
    client = Client()
    client.cookies.load({"django_language": "cy"})
    page = client.get(url(feedback, "feedback:start")).content.decode()
    assert '<html lang="cy"' in page and "Ffoniwch 111 a phwyswch 2." in page
    client.post(url(feedback, query="?layout=all"), {field(feedback, 1): AGREE, "go": "send"})
    assert FeedbackResponse.objects.get().language == "cy"


def test_the_easy_read_wording_is_offered(feedback):
    statement = feedback.statements.order_by("order")[0]
    page = Client().get(url(feedback, query="?words=easy")).content.decode()
    assert statement.easy_read_en in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Answer at least one statement, or write a comment"),
        ({"STATEMENT": "strongly agree"}, "Choose one of the answers"),
        ({"comment": "x" * 1001}, "1000 characters or fewer"),
        ({"STATEMENT": "²"}, "Choose one of the answers"),
    ],
)
def test_bad_input_gets_a_clear_error_and_nothing_is_saved(feedback, data, message):
    data = {field(feedback, 0) if k == "STATEMENT" else k: v for k, v in data.items()}
    response = Client().post(url(feedback, query="?layout=all"), {**data, "go": "send"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert FeedbackResponse.objects.count() == 0 and FeedbackComment.objects.count() == 0


@pytest.mark.parametrize("page", ["", "x", "-3", "999", "²"])
def test_a_tampered_page_number_shows_a_page_not_a_500(feedback, page):
    response = Client().post(url(feedback), {"page": page, "go": "next"})
    assert response.status_code == 200


def test_an_unknown_link_says_so_kindly(feedback):
    for token in ("no-such-round", "x" * 40):
        response = Client().get(reverse("feedback:start", kwargs={"token": token}))
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()


def test_a_closed_round_says_so_kindly_and_takes_nothing(feedback):
    feedback.closed_on = timezone.localdate() - timedelta(days=1)
    feedback.save()
    for method, path in (("get", url(feedback, "feedback:start")), ("post", url(feedback))):
        response = getattr(Client(), method)(path, {field(feedback, 0): AGREE, "go": "send"})
        assert response.status_code == 410
        assert "This feedback round has closed" in response.content.decode()
    assert FeedbackResponse.objects.count() == 0


def test_what_a_program_sends_in_the_hidden_field_is_thanked_for_and_thrown_away(feedback):
    response = Client().post(
        url(feedback, query="?layout=all"),
        {field(feedback, 0): AGREE, "website": "http://spam.example", "go": "send"},
    )
    assert response.status_code == 302
    assert FeedbackResponse.objects.count() == 0


def test_200_rapid_answers_from_one_address_are_limited_kindly(feedback, settings):
    feedback.max_responses = 1000
    feedback.save()
    client = Client(REMOTE_ADDR="198.51.100.7")
    answers = {field(feedback, 0): AGREE, "go": "send"}
    codes = [
        client.post(url(feedback, query="?layout=all"), answers).status_code for _ in range(200)
    ]
    assert set(codes) == {302, 429}
    assert codes.count(302) == 100 and codes[100:] == [429] * 100
    assert FeedbackResponse.objects.count() == 100
    limited = client.post(url(feedback, query="?layout=all"), answers)
    assert "Please try again later" in limited.content.decode()
    other = Client(REMOTE_ADDR="198.51.100.8").post(url(feedback, query="?layout=all"), answers)
    assert other.status_code == 302  # another address is not held back


def test_the_link_as_a_whole_has_a_limit_too(feedback, settings):
    settings.FEEDBACK_ANSWERS_PER_LINK = "3/h"
    answers = {field(feedback, 0): AGREE, "go": "send"}
    codes = [
        Client(REMOTE_ADDR=f"198.51.100.{n}")
        .post(url(feedback, query="?layout=all"), answers)
        .status_code
        for n in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]


def test_a_full_round_says_so_on_its_first_page_before_anyone_answers(feedback):
    feedback.max_responses = 1
    feedback.save()
    assert Client().get(url(feedback, "feedback:start")).status_code == 200
    Client().post(url(feedback, query="?layout=all"), {field(feedback, 0): AGREE, "go": "send"})
    response = Client().get(url(feedback, "feedback:start"))
    assert response.status_code == 410
    assert "all the answers it can take" in response.content.decode()
    assert FeedbackResponse.objects.count() == 1
