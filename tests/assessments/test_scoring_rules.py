"""The gap rule (an indicator needs focus when flagged as a priority or rated 0 or 1) is
written once, as a query condition and as a property; they must agree on every answer."""

import pytest

from assessments.models import IndicatorAnswer, Rating
from tests.assessments.factories import CycleFactory

pytestmark = pytest.mark.django_db

SCORES = [None, *Rating.values]


@pytest.mark.parametrize("score", SCORES)
@pytest.mark.parametrize("priority", [False, True])
def test_the_gap_rule_reads_the_same_in_python_and_in_the_database(
    framework_content, organisation, score, priority
):
    cycle = CycleFactory(organisation=organisation)
    response = cycle.responses.get(contributor__isnull=True)
    indicator = cycle.framework.indicators.first()
    answer = IndicatorAnswer.objects.create(
        response=response, indicator=indicator, score=score, priority=priority
    )
    in_database = IndicatorAnswer.objects.filter(
        IndicatorAnswer.needs_focus_condition(), pk=answer.pk
    ).exists()
    assert answer.needs_focus == in_database
    assert in_database == (priority or (score is not None and score <= 1))
