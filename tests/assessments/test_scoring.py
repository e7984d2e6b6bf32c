"""Scores against hand-computed examples on the real framework content.

The content has 6 domains of 8 indicators (48 in all), each indicator tagged with one to
three of the 5 principles, and 6 readiness themes of 3 items (18 in all). A score is the
points given over 4 points per answered indicator; Don't know and unanswered indicators
are left out of both. A score is given only when at least half the items are rated
(issue 16: a percentage resting on one or two answers misleads a board), so most examples
rate four of a domain's eight indicators.
"""

import pytest

from assessments.models import CycleStatus, DomainTarget, Indicator, ReadinessValue
from assessments.selectors.results import cycle_results
from assessments.selectors.scoring import (
    NO_ANSWERS,
    NOT_SURE,
    NOT_YET_READY,
    PARTLY_READY,
    READY,
    Score,
    compare,
    cycle_scores,
)
from framework.models import FrameworkVersion, Principle
from tests.assessments.factories import (
    CycleFactory,
    answer_everything,
    answer_indicator,
    answer_readiness,
    new_framework_version,
    org_response,
    submitted_cycle,
)

pytestmark = pytest.mark.django_db

YES, PARTLY, NOT_YET, DONT_KNOW = (
    ReadinessValue.YES,
    ReadinessValue.PARTLY,
    ReadinessValue.NOT_YET,
    ReadinessValue.DONT_KNOW,
)


@pytest.fixture
def cycle(organisation):
    return CycleFactory(organisation=organisation, year=2026)


@pytest.fixture
def response(cycle):
    return org_response(cycle)


def scores_of(cycle):
    return cycle_scores(cycle=cycle, response=org_response(cycle))


def by_key(scores: list) -> dict:
    return {score.key: score for score in scores}


def counts(score: Score) -> tuple:
    return (score.total, score.answered, score.dont_know, score.points)


def rate(response, domain: str, *scores: int, first: int = 1) -> None:
    """Rate the domain's indicators from number `first` on, one score each."""
    for number, score in enumerate(scores, start=first):
        answer_indicator(response, f"{domain}-0{number}", score=score)


# --- domains ---------------------------------------------------------------------------------


def test_a_domain_with_mixed_scores(cycle, response):
    rate(response, "leadership", 4, 2, 0, 2)

    leadership = by_key(scores_of(cycle).domains)["leadership"]

    # points 4 + 2 + 0 + 2 = 8; maximum 4 answered x 4 = 16; 8 / 16 = 50%; mean 8 / 4 = 2.0
    assert counts(leadership) == (8, 4, 0, 8)
    assert leadership.percentage == 50
    assert leadership.average == 2.0
    assert str(leadership.level_label) == "Developing"
    # 8 indicators - 4 answered - 0 don't know
    assert leadership.unanswered == 4


def test_fewer_than_half_rated_gives_no_score_but_keeps_the_counts(cycle, response):
    rate(response, "leadership", 4, 2, 0)
    answer_indicator(response, "leadership-04", dont_know=True)

    leadership = by_key(scores_of(cycle).domains)["leadership"]

    # 3 of 8 rated: the counts are kept, the score waits for a fourth rating
    assert counts(leadership) == (8, 3, 1, 6)
    assert leadership.too_few_answered and not leadership.enough_answered
    assert (leadership.percentage, leadership.average, leadership.level_label) == (None,) * 3
    rate(response, "leadership", 2, first=5)
    assert by_key(scores_of(cycle).domains)["leadership"].percentage == 50


def test_dont_know_is_left_out_of_points_and_maximum_but_counted(cycle, response):
    answer_indicator(response, "policy-01", score=3)
    answer_indicator(response, "policy-02", dont_know=True)
    rate(response, "policy", 1, 2, 2, first=3)

    policy = by_key(scores_of(cycle).domains)["policy"]

    # points 3 + 1 + 2 + 2 = 8; maximum 4 answered x 4 = 16 (not 20); 8 / 16 = 50% (not 40%)
    assert counts(policy) == (8, 4, 1, 8)
    assert policy.percentage == 50
    assert policy.average == 2.0
    # 8 - 4 answered - 1 don't know
    assert policy.unanswered == 3


def test_unanswered_and_notes_only_indicators_are_left_out(cycle, response):
    rate(response, "workforce", 3, 4)
    # saved with evidence but no rating yet: not an answer
    answer_indicator(response, "workforce-03", evidence="Still to check with HR")
    answer_indicator(response, "workforce-04", priority=True)
    rate(response, "workforce", 4, 3, first=5)

    workforce = by_key(scores_of(cycle).domains)["workforce"]

    # points 3 + 4 + 4 + 3 = 14; maximum 4 x 4 = 16; 14 / 16 = 87.5% -> 88%; mean 3.5
    assert counts(workforce) == (8, 4, 0, 14)
    assert workforce.percentage == 88
    assert workforce.average == 3.5
    assert workforce.unanswered == 4


def test_an_all_zero_domain_scores_zero_not_none(cycle, response):
    for n in range(1, 9):
        answer_indicator(response, f"environment-0{n}", score=0)

    environment = by_key(scores_of(cycle).domains)["environment"]

    # points 0; maximum 8 x 4 = 32; 0 / 32 = 0%
    assert counts(environment) == (8, 8, 0, 0)
    assert environment.percentage == 0
    assert environment.average == 0.0
    assert str(environment.level_label) == "Not started"


def test_a_domain_with_no_answers_has_no_percentage_or_average(cycle, response):
    answer_indicator(response, "leadership-01", score=4)
    answer_indicator(response, "evaluation-01", dont_know=True)  # only Don't know

    domains = by_key(scores_of(cycle).domains)

    involvement = domains["involvement"]
    assert counts(involvement) == (8, 0, 0, 0)
    assert involvement.percentage is None
    assert involvement.average is None
    assert involvement.level_label is None
    evaluation = domains["evaluation"]
    assert counts(evaluation) == (8, 0, 1, 0)
    assert evaluation.percentage is None and evaluation.average is None


def test_domains_come_in_framework_order_with_every_domain_listed(cycle):
    assert [d.key for d in scores_of(cycle).domains] == [
        "leadership", "policy", "workforce", "environment", "involvement", "evaluation",
    ]  # fmt: skip


# --- principles ------------------------------------------------------------------------------


def test_principle_scores_hand_computed(cycle, response):
    # Tags in the content: leadership-01 safety, collaboration; leadership-02 collaboration;
    # leadership-03 inclusive, safety; leadership-04 inclusive, strengths.
    answer_indicator(response, "leadership-01", score=4)
    answer_indicator(response, "leadership-02", score=0)
    answer_indicator(response, "leadership-03", score=2)
    answer_indicator(response, "leadership-04", dont_know=True)

    principles = by_key(scores_of(cycle).principles)

    # safety: 01 (4) + 03 (2) = 6 points from 2 rated
    assert principles["safety"].points == 6 and principles["safety"].answered == 2
    # collaboration: 01 (4) + 02 (0) = 4 points from 2 rated
    assert (principles["collaboration"].points, principles["collaboration"].answered) == (4, 2)
    # inclusive: 03 (2) rated; 04 is Don't know
    assert (principles["inclusive"].answered, principles["inclusive"].dont_know) == (1, 1)
    # strengths: only 04, Don't know; compassion: nothing answered
    assert (principles["strengths"].answered, principles["strengths"].dont_know) == (0, 1)
    # each principle has far more than four indicators: no percentage yet, anywhere
    assert all(p.too_few_answered for key, p in principles.items() if p.answered)
    assert all(p.percentage is None for p in principles.values())
    assert [p.key for p in scores_of(cycle).principles] == [
        "inclusive", "safety", "compassion", "strengths", "collaboration",
    ]  # fmt: skip


def test_principle_scores_match_a_count_over_the_indicator_tags(cycle, response):
    """Answer all 48 indicators with a varied pattern, then recompute each principle
    independently by looping over every indicator's tags."""
    indicators = list(
        Indicator.objects.filter(framework=cycle.framework)
        .select_related("domain")
        .prefetch_related("principles")
    )
    given = {}
    for n, ind in enumerate(sorted(indicators, key=lambda i: i.code)):
        if n % 7 == 3:
            given[ind.code] = "dont_know"
            answer_indicator(response, ind, dont_know=True)
        elif n % 5 == 4:
            given[ind.code] = None  # left unanswered
        else:
            given[ind.code] = n % 5
            answer_indicator(response, ind, score=n % 5)

    expected = {}
    for principle in Principle.objects.filter(framework=cycle.framework):
        total = answered = dont_know = points = 0
        for ind in indicators:
            if principle.pk not in {p.pk for p in ind.principles.all()}:
                continue
            total += 1
            value = given[ind.code]
            if value == "dont_know":
                dont_know += 1
            elif value is not None:
                answered += 1
                points += value
        expected[principle.code] = (total, answered, dont_know, points)

    principles = by_key(scores_of(cycle).principles)

    assert {code: counts(score) for code, score in principles.items()} == expected
    for code, (_total, answered, _dk, points) in expected.items():
        assert answered, code  # the pattern answers something in every principle
        assert principles[code].percentage == round(100 * points / (4 * answered))
    # every indicator is tagged at least once, so the principle totals cover all 48
    assert sum(t for t, *_ in expected.values()) >= 48


# --- overall ---------------------------------------------------------------------------------


def test_overall_is_the_sum_over_domains(cycle, response):
    rate(response, "leadership", 4, 2, 0)
    answer_indicator(response, "policy-01", score=3)
    answer_indicator(response, "policy-02", dont_know=True)
    answer_indicator(response, "policy-03", score=1)
    answer_indicator(response, "environment-01", score=4)
    assert scores_of(cycle).overall.too_few_answered  # 6 of 48 rated
    for domain in ("workforce", "involvement", "evaluation"):
        rate(response, domain, *[2] * 8)

    overall = scores_of(cycle).overall

    # points 4+2+0 + 3+1 + 4 + 3 x 8 x 2 = 62; answered 3 + 2 + 1 + 24 = 30; maximum 120;
    # 62 / 120 = 51.7% -> 52%
    assert counts(overall) == (48, 30, 1, 62)
    assert overall.percentage == 52
    assert overall.average == 2.1  # 62 / 30 = 2.07
    assert overall.unanswered == 48 - 30 - 1


# --- readiness -------------------------------------------------------------------------------


def answer_theme(response, *answers) -> None:
    for code, value in answers:
        answer_readiness(response, code, value)


def test_readiness_theme_statuses(cycle, response):
    # sponsorship: yes, yes, don't know -> never ready: not sure yet
    answer_theme(
        response, ("sponsorship-01", YES), ("sponsorship-02", YES), ("sponsorship-03", DONT_KNOW)
    )
    # lead_team: not yet, not yet, yes -> 2 x 2 = 4 > 3 -> not yet
    answer_theme(
        response, ("lead-team-01", NOT_YET), ("lead-team-02", NOT_YET), ("lead-team-03", YES)
    )
    # resources: not yet, yes, partly -> 1 x 2 = 2, not > 3 -> partly
    answer_theme(
        response, ("resources-01", NOT_YET), ("resources-02", YES), ("resources-03", PARTLY)
    )
    # staff: yes, yes, yes -> ready
    answer_theme(response, ("staff-01", YES), ("staff-02", YES), ("staff-03", YES))
    # voice: only don't know -> not sure yet
    answer_readiness(response, "voice-01", DONT_KNOW)
    # reflection: not yet, yes, (unanswered) -> exactly half not yet is not "most" -> partly
    answer_readiness(response, "reflection-01", NOT_YET)
    answer_readiness(response, "reflection-02", YES)

    themes = by_key(scores_of(cycle).readiness)

    assert {key: t.status for key, t in themes.items()} == {
        "sponsorship": NOT_SURE,
        "lead_team": NOT_YET_READY,
        "resources": PARTLY_READY,
        "staff": READY,
        "voice": NOT_SURE,
        "reflection": PARTLY_READY,
    }
    assert list(themes) == ["sponsorship", "lead_team", "resources", "staff", "voice", "reflection"]
    assert all(t.total == 3 for t in themes.values())
    assert (themes["sponsorship"].answered, themes["sponsorship"].counts[DONT_KNOW]) == (2, 1)
    assert themes["lead_team"].counts == {NOT_YET: 2, YES: 1}
    assert themes["reflection"].answered == 2
    assert themes["voice"].answered == 0


def test_a_theme_with_no_answers_and_one_with_an_unanswered_item(cycle, response):
    answer_readiness(response, "staff-01", YES)
    answer_readiness(response, "staff-02", YES)

    themes = by_key(scores_of(cycle).readiness)

    assert themes["staff"].status == PARTLY_READY  # two Yes, one not answered: not ready
    assert themes["voice"].status == NO_ANSWERS


def test_a_single_partly_is_enough_to_stop_ready(cycle, response):
    answer_readiness(response, "staff-01", YES)
    answer_readiness(response, "staff-02", YES)
    answer_readiness(response, "staff-03", PARTLY)

    assert by_key(scores_of(cycle).readiness)["staff"].status == PARTLY_READY


# --- comparison with the previous cycle ------------------------------------------------------


def test_compare_attaches_the_previous_score_by_code():
    now = [Score(key="a", name="A", answered=2, points=8), Score(key="b", name="B")]
    before = [Score(key="a", name="A", answered=2, points=4), Score(key="c", name="C")]

    compare(now, before)

    # a: 8 / 8 = 100% now, 4 / 8 = 50% before -> +50
    assert now[0].previous is before[0]
    assert now[0].change == 50
    # b: no previous score with that code
    assert now[1].previous is None and now[1].change is None


def test_change_is_none_when_either_side_has_no_percentage():
    unanswered = Score(key="a", name="A", total=8)
    answered = Score(key="a", name="A", total=8, answered=1, points=2)
    assert Score(key="a", name="A", answered=1, points=2, previous=unanswered).change is None
    assert Score(key="a", name="A", previous=answered).change is None


def test_results_compare_with_the_previous_submitted_cycle(organisation, cycle, response):
    previous = submitted_cycle(organisation, year=2025, score=2)  # every indicator 2 -> 50%
    older = submitted_cycle(organisation, year=2024, score=4)  # not the latest: ignored
    rate(response, "leadership", 4, 4, 2, 2)
    rate(response, "policy", 1, 1, 1, 1)
    rate(response, "environment", *[3] * 8)
    rate(response, "involvement", *[2] * 8)
    rate(response, "evaluation", 4, 4, 4)  # 3 of 8: too few for a score

    results = cycle_results(cycle=cycle)

    assert results.previous_cycle == previous != older
    assert not results.previous_framework_differs
    domains = by_key(results.scores.domains)
    # leadership now 4 + 4 + 2 + 2 = 12 of 16 = 75%; before 16 of 32 = 50% -> +25
    assert domains["leadership"].percentage == 75
    assert domains["leadership"].previous.percentage == 50
    assert domains["leadership"].previous.answered == 8
    assert domains["leadership"].change == 25
    # policy now 4 of 16 = 25%; before 50% -> -25
    assert domains["policy"].change == -25
    # workforce: nothing answered now; evaluation: too few -> no change shown
    assert domains["workforce"].previous.percentage == 50
    assert domains["workforce"].change is None
    assert domains["evaluation"].change is None
    # overall now 12 + 4 + 24 + 16 + 12 = 68 of 27 x 4 = 108 = 63.0% -> 63%; before 50%
    assert results.scores.overall.percentage == 63
    assert results.scores.overall.previous.percentage == 50
    assert results.scores.overall.change == 13
    # principles are compared too, wherever both have a score
    principles = by_key(results.scores.principles)
    assert all(p.previous.percentage == 50 for p in principles.values())
    assert all(
        p.change == p.percentage - 50 for p in principles.values() if p.percentage is not None
    )


def test_results_without_a_previous_cycle(cycle, response):
    answer_indicator(response, "leadership-01", score=3)

    results = cycle_results(cycle=cycle)

    assert results.previous_cycle is None
    assert all(d.previous is None and d.change is None for d in results.scores.domains)
    assert results.scores.overall.previous is None
    assert results.has_answers


def test_a_later_cycle_or_an_in_progress_one_is_never_the_previous(organisation):
    current = submitted_cycle(organisation, year=2026, complete=False)
    submitted_cycle(organisation, year=2027)  # later period
    CycleFactory(organisation=organisation, year=2025)  # earlier, but reopened: in progress

    results = cycle_results(cycle=current)

    assert results.previous_cycle is None
    assert not results.has_answers


# --- focus, strengths, targets ---------------------------------------------------------------


def test_focus_lists_priorities_and_scores_of_0_or_1_in_question_order(cycle, response):
    answer_indicator(response, "policy-02", score=1)
    answer_indicator(response, "leadership-05", score=3, priority=True)
    answer_indicator(response, "leadership-02", score=0)
    answer_indicator(response, "leadership-03", score=2)  # not focus
    answer_indicator(response, "workforce-01", dont_know=True)  # not focus
    answer_indicator(response, "workforce-02", dont_know=True, priority=True)
    answer_indicator(response, "workforce-03", evidence="notes only")  # not focus
    answer_indicator(response, "environment-01", score=4)  # embedded, not focus
    answer_indicator(response, "environment-02", score=4, priority=True)  # both

    results = cycle_results(cycle=cycle)

    assert [a.indicator.code for a in results.focus] == [
        "leadership-02", "leadership-05", "policy-02", "workforce-02", "environment-02",
    ]  # fmt: skip
    assert [a.indicator.code for a in results.embedded] == ["environment-01", "environment-02"]


def test_strongest_are_the_top_two_domains_at_50_percent_or_more(cycle, response):
    rate(response, "leadership", 2, 2, 2, 2)  # 50% (included)
    rate(response, "policy", 3, 3, 3, 3)  # 75%
    rate(response, "workforce", 4, 4, 4, 4)  # 100%
    rate(response, "environment", 1, 1, 1, 1)  # 25%

    strongest = cycle_results(cycle=cycle).strongest

    assert [d.key for d in strongest] == ["workforce", "policy"]


def test_strongest_leaves_out_domains_under_50_percent(cycle, response):
    rate(response, "leadership", 2, 2, 2, 2)  # 50%
    rate(response, "policy", 1, 1, 2, 2)  # policy 6 / 16 = 37.5% -> 38%

    assert [d.key for d in cycle_results(cycle=cycle).strongest] == ["leadership"]


def test_targets_and_whether_the_previous_target_was_met(organisation, cycle, response):
    previous = submitted_cycle(organisation, year=2025)
    framework = cycle.framework
    domain = {d.code: d for d in framework.domains.all()}
    DomainTarget.objects.create(cycle=previous, domain=domain["leadership"], level=2)
    DomainTarget.objects.create(cycle=previous, domain=domain["policy"], level=3)
    DomainTarget.objects.create(cycle=previous, domain=domain["environment"], level=1)
    DomainTarget.objects.create(cycle=cycle, domain=domain["leadership"], level=3)
    rate(response, "leadership", 2, 2, 2, 2)  # mean 2.0 >= target 2: met
    rate(response, "policy", 3, 2, 3, 2)  # mean 2.5 < target 3: not met
    rate(response, "workforce", 4, 4, 4, 4)  # no previous target
    # environment: target 1 but nothing answered -> cannot tell

    targets = {row.score.key: row for row in cycle_results(cycle=cycle).targets}

    assert len(targets) == 6
    assert (targets["leadership"].target, targets["leadership"].previous_target) == (3, 2)
    assert targets["leadership"].previous_target_met is True
    assert targets["policy"].previous_target_met is False
    assert targets["workforce"].previous_target is None
    assert targets["workforce"].previous_target_met is None
    assert targets["environment"].previous_target == 1
    assert targets["environment"].previous_target_met is None
    assert targets["policy"].target is None


# --- framework versions ----------------------------------------------------------------------


def _edit_content(data: dict) -> None:
    """A new version with different tags and indicators."""
    leadership = data["domains"][0]
    leadership["indicators"][0]["principles"] = ["strengths"]  # leadership-01 retagged
    leadership["indicators"].pop()  # leadership-08 dropped
    policy = data["domains"][1]
    policy["indicators"].append(dict(policy["indicators"][0], code="policy-09", order=9))
    data["readiness_themes"][0]["items"].pop()  # sponsorship-03 dropped


def _snapshot(cycle) -> dict:
    scores = scores_of(cycle)
    return {
        "domains": [(s.key, counts(s), s.percentage) for s in scores.domains],
        "principles": [(s.key, counts(s), s.percentage) for s in scores.principles],
        "overall": (counts(scores.overall), scores.overall.percentage),
        "readiness": [(t.key, t.total, t.counts, t.status) for t in scores.readiness],
    }


def test_a_new_framework_version_does_not_change_a_submitted_cycles_scores(organisation, tmp_path):
    old = submitted_cycle(organisation, year=2025, score=3)
    response = org_response(old)
    answer_indicator(response, "leadership-01", score=0)
    answer_indicator(response, "leadership-08", score=1)
    answer_indicator(response, "policy-01", dont_know=True)
    answer_readiness(response, "sponsorship-03", NOT_YET)
    before = _snapshot(old)

    new_version = new_framework_version(tmp_path, change=_edit_content)

    assert FrameworkVersion.objects.current() == new_version
    old.refresh_from_db()
    assert old.framework.code == "tiw-2022-v1"
    assert _snapshot(old) == before
    # leadership: 0 + 1 + 6 x 3 = 19 of 32 -> 59%
    assert by_key(scores_of(old).domains)["leadership"].percentage == 59

    # a new cycle scores on the new version, and still compares with the old one by code
    new = CycleFactory(organisation=organisation, year=2026)
    assert new.framework == new_version
    answer_everything(org_response(new), score=4)
    results = cycle_results(cycle=new)
    domains = by_key(results.scores.domains)
    assert domains["leadership"].total == 7 and domains["policy"].total == 9
    assert results.previous_cycle == old
    # leadership 100% now; 59% before
    assert domains["leadership"].change == 100 - 59
    assert by_key(results.scores.readiness)["sponsorship"].total == 2


def test_submitted_status_does_not_matter_to_scoring(organisation):
    # the scores of a cycle are the same while in progress and once submitted
    cycle = CycleFactory(organisation=organisation, year=2026)
    answer_everything(org_response(cycle), score=1)
    in_progress = _snapshot(cycle)
    cycle.status = CycleStatus.SUBMITTED
    cycle.save()
    assert _snapshot(cycle) == in_progress
    # 48 indicators at 1 -> 48 of 192 = 25%
    assert in_progress["overall"] == ((48, 48, 0, 48), 25)


# --- rounding ----------------------------------------------------------------------------------


def test_a_percentage_half_way_rounds_up(cycle, response):
    rate(response, "leadership", 4, 1, 4, 1)
    # 10 of 16 = 62.5% -> 63%
    assert by_key(scores_of(cycle).domains)["leadership"].percentage == 63


def test_level_labels_round_a_half_way_mean_the_same_way():
    two_and_a_half = Score(key="a", name="A", answered=2, points=5)  # mean 2.5
    three_and_a_half = Score(key="b", name="B", answered=2, points=7)  # mean 3.5
    assert str(three_and_a_half.level_label) == "Embedded and sustained"  # rounded up
    assert str(two_and_a_half.level_label) == "Established"  # so this should be too
