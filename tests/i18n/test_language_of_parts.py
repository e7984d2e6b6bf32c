"""Language of parts (WCAG 3.1.2): what a person typed keeps its language, marked when it is
clearly not the page's; dates and times read naturally in Welsh."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from trauma_wales.templatetags.app_tags import govuk_datetime
from trauma_wales.written_language import written_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Rewrite arrears letters in plain, kind words with tenants who have had them", "en"),
        ("£4,000 from the facilities budget", "en"),
        ("We have not yet checked this.", "en"),
        ("Hyfforddi pob aelod o staff y dderbynfa", "cy"),
        ("Mae ymwelwyr yn dweud bod y dderbynfa\u2019n dawel ac yn groesawgar", "cy"),
        ("Dod yn ysgol sy'n ystyriol o drawma", "cy"),
        ("Income team", None),  # too short to tell
        ("2025 baseline", None),
        ("Ysgol Glan Môr", None),  # a name
        ("The tîm says mae'n iawn and y cynllun is fine", None),  # mixed
    ],
)
def test_the_language_of_typed_text_is_named_only_when_clear(text, language):
    assert written_language(text) == language


def render(template, language, **context):
    with translation.override(language):
        return Template("{% load app_tags %}" + template).render(Context(context))


def test_english_text_on_a_welsh_page_is_marked_english():
    text = "Room opened in September, and the visitors say it is calm."
    assert render("{{ t|typed }}", "cy", t=text) == f'<span lang="en">{text}</span>'
    assert render("{{ t|typed }}", "en", t=text) == text


def test_welsh_text_on_an_english_page_is_marked_welsh():
    text = "Mae'r ystafell ar agor ac mae ymwelwyr yn dweud ei bod yn dawel."
    html = render("{{ t|typed }}", "en", t=text)
    escaped = text.replace("'", "&#x27;")
    assert html == f'<span lang="cy">{escaped}</span>'


def test_typed_text_stays_escaped_with_and_without_other_filters():
    text = "<script>alert(1)</script> and the plan is not for the board"
    assert "<script>" not in render("{{ t|typed }}", "cy", t=text)
    assert "<script>" not in render("{{ t|linebreaksbr|typed }}", "cy", t=text)
    assert (
        render("{{ t|linebreaksbr|typed }}", "cy", t="one\nand the other is for the board").count(
            "<br>"
        )
        == 1
    )


def test_date_times_read_naturally_in_welsh():
    moment = timezone.make_aware(datetime.datetime(2026, 11, 29, 20, 59))
    with translation.override("cy"):
        assert govuk_datetime(moment) == "29 Tachwedd 2026 am 8:59yh"
    with translation.override("en"):
        assert govuk_datetime(moment) == "29 November 2026 at 8:59pm"


def test_an_english_action_on_the_welsh_plan_page_and_report_is_marked_english(
    organisation, lead_client, framework_content
):
    from django.urls import reverse

    from tests.action_plans.factories import ActionFactory, PlanFactory
    from tests.assessments.factories import submitted_cycle

    cycle = submitted_cycle(organisation)
    plan = PlanFactory(cycle=cycle)
    english = "Offer a wellbeing check-in after every difficult call with a tenant"
    welsh = "Cynnig sgwrs lles ar ôl pob galwad anodd gyda thenant"
    ActionFactory(plan=plan, description=english, outcome="Staff say that they feel supported")
    ActionFactory(plan=plan, description=welsh, outcome="Mae staff yn dweud eu bod yn cael cymorth")
    lead_client.cookies["django_language"] = "cy"
    args = [organisation.slug, cycle.pk]
    for url in (reverse("plans:plan", args=args), reverse("reports:report", args=args)):
        html = lead_client.get(url).content.decode()
        assert f'<span lang="en">{english}</span>' in html, url
        assert '<span lang="en">Staff say that they feel supported</span>' in html, url
        assert welsh in html and f'lang="cy">{welsh}' not in html, url
