"""Not applicable, with a reason: an indicator or readiness item that does not apply to an
organisation is left out of every score, counted beside it, and listed with its reason on
the results page and in the board report. The question page, the service and the
database each refuse it without a reason."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from assessments.models import IndicatorAnswer, ReadinessAnswer, ReadinessValue
from assessments.selectors.progress import COMPLETED, section_progress
from assessments.selectors.questionnaire import contributor_indicator_spread, readiness_themes
from assessments.selectors.scoring import DOES_NOT_APPLY, READY, cycle_scores
from assessments.services.answers import (
    NOT_APPLICABLE_NEEDS_REASON,
    NOT_APPLICABLE_NOT_PRIORITY,
    IndicatorInput,
    ReadinessInput,
    domain_answers_save,
    readiness_answers_save,
)
from tests.assessments.factories import (
    CycleFactory,
    add_contributor,
    answer_indicator,
    answer_readiness,
    indicator,
    org_response,
)
from tests.assessments.test_cycle_forms import (
    answers_snapshot,
    assert_error_page,
    domain_post,
    indicators,
    start_cycle,
    url,
)
from tests.conftest import client_for
from trauma_wales.errors import DomainError
from trauma_wales.models import AuditEntry

pytestmark = pytest.mark.django_db

NA, YES = ReadinessValue.NOT_APPLICABLE, ReadinessValue.YES
REASON = "Our partner provider does all intensive support work."


@pytest.fixture
def cycle(organisation, lead):
    return start_cycle(organisation, lead)


@pytest.fixture
def response(cycle):
    return org_response(cycle)


def by_key(scores) -> dict:
    return {score.key: score for score in scores}


def save_workforce(response, answers: dict, actor, revision=0):
    return domain_answers_save(
        response=response,
        domain=indicators(response.cycle, "workforce")[0].domain,
        answers=answers,
        expected_revision=revision,
        actor=actor,
    )


# --- scores ----------------------------------------------------------------------------------


def test_not_applicable_is_left_out_of_the_score_and_of_what_enough_means(cycle, response):
    answer_indicator(response, "workforce-01", not_applicable=True, evidence=REASON)
    answer_indicator(response, "workforce-02", not_applicable=True, evidence=REASON)
    for code, score in (("workforce-03", 4), ("workforce-04", 2), ("workforce-05", 1)):
        answer_indicator(response, code, score=score)

    workforce = by_key(cycle_scores(cycle=cycle, response=response).domains)["workforce"]

    # 8 indicators, 2 do not apply: 6 apply, 3 rated is half of them, so a score is given.
    # points 4 + 2 + 1 = 7 of 3 x 4 = 12: 58.3% -> 58%; without the rule 3 of 8 is too few.
    assert (workforce.total, workforce.not_applicable, workforce.applicable) == (8, 2, 6)
    assert (workforce.answered, workforce.points, workforce.unanswered) == (3, 7, 3)
    assert workforce.enough_answered and workforce.percentage == 58
    assert workforce.average == 2.3


def test_not_applicable_counts_in_the_overall_and_principle_scores(cycle, response):
    first = answer_indicator(response, "policy-01", not_applicable=True, evidence=REASON)
    principle = first.indicator.principles.first()

    scores = cycle_scores(cycle=cycle, response=response)

    assert (scores.overall.total, scores.overall.not_applicable) == (48, 1)
    assert scores.overall.applicable == 47
    assert by_key(scores.principles)[principle.code].not_applicable == 1


def test_a_domain_where_nothing_applies_says_so_rather_than_scoring(cycle, response):
    for number in range(1, 9):
        answer_indicator(response, f"evaluation-0{number}", not_applicable=True, evidence=REASON)

    evaluation = by_key(cycle_scores(cycle=cycle, response=response).domains)["evaluation"]

    assert evaluation.none_apply and evaluation.percentage is None
    assert not evaluation.too_few_answered
    assert evaluation.unanswered == 0


def test_a_readiness_theme_is_ready_when_every_item_that_applies_is_yes(cycle, response):
    answer_readiness(response, "staff-01", YES)
    answer_readiness(response, "staff-02", YES)
    answer_readiness(response, "staff-03", NA, note=REASON)
    for code in ("voice-01", "voice-02", "voice-03"):
        answer_readiness(response, code, NA, note=REASON)

    themes = by_key(cycle_scores(cycle=cycle, response=response).readiness)

    assert (themes["staff"].status, themes["staff"].answered) == (READY, 2)
    assert themes["staff"].not_applicable == 1
    assert themes["voice"].status == DOES_NOT_APPLY


def test_not_applicable_completes_a_section(cycle, response, lead):
    workforce = indicators(cycle, "workforce")
    answers = {i.pk: IndicatorInput(score=2) for i in workforce}
    answers[workforce[3].pk] = IndicatorInput(not_applicable=True, evidence=REASON)

    save_workforce(response, answers, lead)

    progress = {s.key: s for s in section_progress(cycle=cycle, response=response)}
    assert progress["workforce"].status == COMPLETED


# --- saving ----------------------------------------------------------------------------------


def test_the_service_saves_not_applicable_alone_with_its_reason(cycle, response, lead):
    fourth = indicators(cycle, "workforce")[3]
    save_workforce(response, {fourth.pk: IndicatorInput(score=3)}, lead)

    save_workforce(
        response,
        {fourth.pk: IndicatorInput(score=3, not_applicable=True, evidence=f"  {REASON} ")},
        lead,
        revision=1,
    )

    row = IndicatorAnswer.objects.get(response=response, indicator=fourth)
    assert (row.score, row.dont_know, row.not_applicable, row.evidence) == (
        None, False, True, REASON,
    )  # fmt: skip
    assert row.label == "Not applicable"
    entry = AuditEntry.objects.filter(action="answers.saved").latest("pk")
    assert entry.details["changed"]["workforce-04"]["not_applicable"] == [False, True]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (IndicatorInput(not_applicable=True), NOT_APPLICABLE_NEEDS_REASON),
        (IndicatorInput(not_applicable=True, evidence="   "), NOT_APPLICABLE_NEEDS_REASON),
        (
            IndicatorInput(not_applicable=True, evidence=REASON, priority=True),
            NOT_APPLICABLE_NOT_PRIORITY,
        ),
    ],
    ids=["no reason", "blank reason", "and a priority"],
)
def test_the_service_refuses_not_applicable_without_a_reason_or_as_a_priority(
    cycle, response, lead, given, message
):
    fourth = indicators(cycle, "workforce")[3]

    with pytest.raises(DomainError, match=str(message)):
        save_workforce(response, {fourth.pk: given}, lead)

    assert not IndicatorAnswer.objects.exists()
    assert not response.revisions.exists()


def test_the_service_refuses_a_readiness_item_not_applicable_without_a_reason(
    cycle, response, lead
):
    theme = readiness_themes(cycle=cycle)[0]
    item = theme.active_items[0]

    with pytest.raises(DomainError, match=str(NOT_APPLICABLE_NEEDS_REASON)):
        readiness_answers_save(
            response=response,
            theme=theme,
            answers={item.pk: ReadinessInput(value=NA)},
            expected_revision=0,
            actor=lead,
        )
    readiness_answers_save(
        response=response,
        theme=theme,
        answers={item.pk: ReadinessInput(value=NA, note=REASON)},
        expected_revision=0,
        actor=lead,
    )
    assert (
        ReadinessAnswer.objects.get(response=response, item=item).get_value_display()
        == "Not applicable"
    )


@pytest.mark.parametrize(
    "values",
    [
        {"not_applicable": True},
        {"not_applicable": True, "evidence": REASON, "score": 2},
        {"not_applicable": True, "evidence": REASON, "dont_know": True},
        {"not_applicable": True, "evidence": REASON, "priority": True},
    ],
    ids=["no reason", "with a score", "with don't know", "as a priority"],
)
def test_the_database_refuses_not_applicable_that_is_not_alone_with_its_reason(response, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorAnswer.objects.create(
            response=response, indicator=indicator(response.cycle.framework, "policy-01"), **values
        )


def test_the_database_refuses_a_readiness_item_not_applicable_without_a_reason(response):
    with pytest.raises(IntegrityError), transaction.atomic():
        answer_readiness(response, "staff-01", NA)


# --- the question pages ----------------------------------------------------------------------


def test_the_page_asks_for_the_reason_and_saves_nothing_without_it(cycle, lead_client):
    fourth = indicators(cycle, "workforce")[3]
    data = domain_post(cycle, "workforce", **{f"q{fourth.pk}-rating": "not_applicable"})

    response = lead_client.post(url("domain", cycle, "workforce"), data)

    assert_error_page(response, f"Question 4: {NOT_APPLICABLE_NEEDS_REASON}")
    assert f'href="#id_q{fourth.pk}-evidence"' in response.content.decode()
    assert answers_snapshot() == {"indicator": [], "readiness": [], "revisions": []}


def test_the_page_refuses_not_applicable_as_a_priority(cycle, lead_client):
    fourth = indicators(cycle, "workforce")[3]
    data = domain_post(
        cycle,
        "workforce",
        **{
            f"q{fourth.pk}-rating": "not_applicable",
            f"q{fourth.pk}-evidence": REASON,
            f"q{fourth.pk}-priority": "on",
        },
    )

    response = lead_client.post(url("domain", cycle, "workforce"), data)

    assert_error_page(response, f"Question 4: {NOT_APPLICABLE_NOT_PRIORITY}")
    assert answers_snapshot() == {"indicator": [], "readiness": [], "revisions": []}


def test_the_page_saves_not_applicable_with_a_reason_and_shows_it_chosen(cycle, lead_client):
    fourth = indicators(cycle, "workforce")[3]
    data = domain_post(
        cycle,
        "workforce",
        **{f"q{fourth.pk}-rating": "not_applicable", f"q{fourth.pk}-evidence": REASON},
    )

    saved = lead_client.post(url("domain", cycle, "workforce"), data)

    assert saved.status_code == 302
    answer = IndicatorAnswer.objects.get(indicator=fourth)
    assert (answer.not_applicable, answer.evidence) == (True, REASON)
    page = lead_client.get(url("domain", cycle, "workforce")).content.decode()
    assert 'value="not_applicable" checked' in page
    assert "Say why in the notes. It will be left out of your scores." in page


# --- where it is shown -----------------------------------------------------------------------


def test_results_and_report_list_what_does_not_apply_with_the_reasons(cycle, response, lead):
    answer_indicator(response, "workforce-04", not_applicable=True, evidence=REASON)
    answer_readiness(response, "voice-02", NA, note="We have no community groups locally.")
    args = [cycle.organisation.slug, cycle.pk]
    client = client_for(lead)

    results = client.get(reverse("assessments:results", args=args)).content.decode()
    report = client.get(reverse("reports:report", args=args)).content.decode()

    for page in (results, report):
        assert "What does not apply to us" in page
        assert f"Why: {REASON}" in page
        assert "Why: We have no community groups locally." in page
        assert "1 indicator does not apply" in page
    assert 'href="#not-applicable"' in report


def test_the_history_says_an_answer_became_not_applicable(cycle, response, lead):
    fourth = indicators(cycle, "workforce")[3]
    save_workforce(
        response, {fourth.pk: IndicatorInput(not_applicable=True, evidence=REASON)}, lead
    )

    page = (
        client_for(lead)
        .get(reverse("organisations:history", args=[cycle.organisation.slug]))
        .content.decode()
    )

    assert "Question 4: answered “Not applicable”" in page


def test_colleagues_not_applicable_shows_in_the_spread(organisation, lead):
    cycle = CycleFactory(organisation=organisation, year=2026)
    colleague = add_contributor(cycle)
    answer_indicator(colleague, "workforce-04", not_applicable=True, evidence="Not our work")

    spread = contributor_indicator_spread(cycle=cycle)

    assert [
        (str(label), n) for label, n in spread[indicator(cycle.framework, "workforce-04").pk]
    ] == [("Not applicable", 1)]
