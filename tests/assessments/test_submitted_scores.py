"""Submitting a cycle stores its domain scores and focus indicators for networks to compare
(assessments.models.submitted); reopening takes them back; the organisation's latest
submitted cycle is the one marked latest; the migration that stored older cycles' findings
gives the same rows as submitting does."""

import importlib

import pytest
from django.apps import apps

from assessments.models import CycleStatus, IndicatorAnswer, SubmittedDomainScore, SubmittedFocus
from assessments.selectors.cycles import organisation_response_for
from assessments.selectors.scoring import domain_scores
from assessments.services.cycles import cycle_reopen, cycle_start, cycle_submit
from tests.assessments.factories import answer_everything, answer_indicator, org_response

pytestmark = pytest.mark.django_db


def _submitted(organisation, lead, year: int, score: int):
    from datetime import date

    cycle = cycle_start(
        organisation=organisation, actor=lead, name=f"{year} review",
        period_start=date(year, 4, 1), period_end=date(year + 1, 3, 31),
    )  # fmt: skip
    response = org_response(cycle)
    answer_everything(response, score=score)
    IndicatorAnswer.objects.filter(response=response, indicator__code="policy-02").update(score=0)
    answer_indicator(response, "leadership-03", score=3, priority=True)
    return cycle_submit(cycle=cycle, actor=lead)


def _stored(cycle) -> dict[str, tuple]:
    return {
        row.domain_code: (row.percentage, row.answered, row.applicable, row.is_latest)
        for row in SubmittedDomainScore.objects.filter(cycle=cycle)
    }


def test_submitting_stores_the_scores_the_results_page_shows(organisation, lead):
    cycle = _submitted(organisation, lead, 2024, score=2)
    shown = domain_scores(cycle=cycle, response=organisation_response_for(cycle=cycle))
    assert _stored(cycle) == {
        score.key: (score.percentage, score.answered, score.applicable, True) for score in shown
    }
    assert len(shown) == 6 and all(score.percentage for score in shown)
    assert set(
        SubmittedFocus.objects.filter(cycle=cycle).values_list("indicator_code", flat=True)
    ) == {
        "policy-02",
        "leadership-03",
    }


def test_only_the_latest_submitted_cycle_is_marked_latest_and_reopening_takes_it_back(
    organisation, lead
):
    earlier = _submitted(organisation, lead, 2023, score=1)
    later = _submitted(organisation, lead, 2024, score=3)
    assert {row[3] for row in _stored(earlier).values()} == {False}
    assert {row[3] for row in _stored(later).values()} == {True}
    assert SubmittedFocus.objects.filter(is_latest=True, cycle=earlier).count() == 0

    cycle_reopen(cycle=later, actor=lead, reason="We missed the estates team")
    later.refresh_from_db()
    assert later.status == CycleStatus.IN_PROGRESS
    assert _stored(later) == {}
    assert {row[3] for row in _stored(earlier).values()} == {True}
    assert SubmittedFocus.objects.filter(is_latest=True, cycle=earlier).exists()

    cycle_submit(cycle=later, actor=lead)
    assert {row[3] for row in _stored(later).values()} == {True}
    assert {row[3] for row in _stored(earlier).values()} == {False}


def test_the_migration_for_older_cycles_stores_what_submitting_stores(organisation, lead):
    earlier = _submitted(organisation, lead, 2023, score=1)
    later = _submitted(organisation, lead, 2024, score=4)
    expected = {cycle.pk: _stored(cycle) for cycle in (earlier, later)}
    expected_focus = set(
        SubmittedFocus.objects.values_list("cycle_id", "indicator_code", "is_latest")
    )
    SubmittedDomainScore.objects.all().delete()
    SubmittedFocus.objects.all().delete()

    migration = importlib.import_module("assessments.migrations.0017_store_submitted_scores")
    migration.store(apps, None)

    assert {cycle.pk: _stored(cycle) for cycle in (earlier, later)} == expected
    assert set(SubmittedFocus.objects.values_list("cycle_id", "indicator_code", "is_latest")) == (
        expected_focus
    )
