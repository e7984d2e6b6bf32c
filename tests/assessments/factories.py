"""Build assessment cycles and answers directly (no services), for scoring and query tests.

The framework content (48 indicators, 18 readiness items) is in the test database already,
loaded by the data migration, so questions are looked up by code:
`answer_indicator(response, "leadership-01", score=4)`.
"""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import factory
import yaml
from django.utils import timezone

from assessments.content_loader import content_files, framework_content_load
from assessments.models import (
    AssessmentCycle,
    CycleContributor,
    CycleStatus,
    Indicator,
    IndicatorAnswer,
    ReadinessAnswer,
    ReadinessItem,
    ReadinessValue,
    Response,
)
from assessments.services.submitted import submitted_scores_store
from framework.models import FrameworkVersion
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from trauma_wales.permissions import Role


class CycleFactory(factory.django.DjangoModelFactory):
    """An in-progress cycle on the current framework version, with its organisation
    response set (as `cycle_start` makes). Pass `year=` for an April-to-March period."""

    class Meta:
        model = AssessmentCycle
        skip_postgeneration_save = True

    class Params:
        year = 2026

    organisation = factory.SubFactory(OrganisationFactory)
    framework = factory.LazyFunction(FrameworkVersion.objects.current)
    name = factory.LazyAttribute(lambda o: f"{o.year} assessment")
    period_start = factory.LazyAttribute(lambda o: date(o.year, 4, 1))
    period_end = factory.LazyAttribute(lambda o: date(o.year + 1, 3, 31))
    status = CycleStatus.IN_PROGRESS

    @factory.post_generation
    def organisation_response(obj, create, extracted, **kwargs):
        if create:
            Response.objects.get_or_create(cycle=obj, contributor=None)


def org_response(cycle: AssessmentCycle) -> Response:
    """The cycle's organisation response set (created if missing)."""
    return Response.objects.get_or_create(cycle=cycle, contributor=None)[0]


def indicator(framework: FrameworkVersion, code: str) -> Indicator:
    return Indicator.objects.get(framework=framework, code=code)


def readiness_item(framework: FrameworkVersion, code: str) -> ReadinessItem:
    return ReadinessItem.objects.get(framework=framework, code=code)


def answer_indicator(
    response: Response,
    question: Indicator | str,
    score: int | None = None,
    dont_know: bool = False,
    priority: bool = False,
    evidence: str = "",
    not_applicable: bool = False,
) -> IndicatorAnswer:
    """Write (or overwrite) one indicator answer; `question` may be an indicator code."""
    if isinstance(question, str):
        question = indicator(response.cycle.framework, question)
    answer, _created = IndicatorAnswer.objects.update_or_create(
        response=response,
        indicator=question,
        defaults={
            "score": score,
            "dont_know": dont_know,
            "priority": priority,
            "evidence": evidence,
            "not_applicable": not_applicable,
        },
    )
    return answer


def answer_readiness(
    response: Response, item: ReadinessItem | str, value: str, note: str = ""
) -> ReadinessAnswer:
    """Write (or overwrite) one readiness answer; `item` may be a readiness item code."""
    if isinstance(item, str):
        item = readiness_item(response.cycle.framework, item)
    answer, _created = ReadinessAnswer.objects.update_or_create(
        response=response, item=item, defaults={"value": value, "note": note}
    )
    return answer


def answer_everything(
    response: Response, score: int | None = 2, readiness: str = ReadinessValue.YES
) -> None:
    """Answer every active indicator (`score=None` means Don't know) and readiness item."""
    framework = response.cycle.framework
    IndicatorAnswer.objects.bulk_create(
        IndicatorAnswer(response=response, indicator=i, score=score, dont_know=score is None)
        for i in Indicator.objects.filter(framework=framework, is_active=True)
    )
    ReadinessAnswer.objects.bulk_create(
        ReadinessAnswer(response=response, item=item, value=readiness)
        for item in ReadinessItem.objects.filter(framework=framework, is_active=True)
    )


def submitted_cycle(
    organisation, *, year: int = 2025, complete: bool = True, score: int | None = 2, **kwargs
) -> AssessmentCycle:
    """A submitted cycle for the April `year` to March `year + 1` period, every question
    answered with `score` unless `complete=False`."""
    cycle = CycleFactory(
        organisation=organisation,
        year=year,
        status=CycleStatus.SUBMITTED,
        submitted_at=timezone.now(),
        **kwargs,
    )
    if complete:
        answer_everything(org_response(cycle), score=score)
        submitted_scores_store(cycle=cycle)  # as cycle_submit does
    return cycle


def add_contributor(cycle: AssessmentCycle, user=None) -> Response:
    """Invite a (new, unless given) contributor of the cycle's organisation directly;
    return their response set."""
    if user is None:
        user = MembershipFactory(organisation=cycle.organisation, role=Role.CONTRIBUTOR).user
    CycleContributor.objects.create(cycle=cycle, user=user)
    return Response.objects.create(cycle=cycle, contributor=user)


def new_framework_version(
    tmp_path: Path,
    code: str = "tiw-2027-v2",
    change: Callable[[dict], None] | None = None,
    published: str | None = "2027-04-01",
) -> FrameworkVersion:
    """Load a copy of the shipped content as a newer version (it becomes current);
    `change(data)` may edit the copy first. With the shipped version's code (and
    `published=None`) it reloads that version edited instead."""
    shipped = content_files()[0]
    data = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    data["version"]["code"] = code
    if published:
        data["version"]["published"] = published
    if change is not None:
        change(data)
    path = tmp_path / f"{code}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    framework_content_load(path=path)
    return FrameworkVersion.objects.get(code=code)
