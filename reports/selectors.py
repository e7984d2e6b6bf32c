"""The board report's figures, gathered once for both the HTML page and the PDF.

`board_report` is the only place that reads data for a report: the two templates only lay
out what it returns, so the web page and the PDF cannot disagree. Scores come from the
same selector as the results page, so the report shows the numbers people saw there, and
the comparison with other organisations, when asked for, is the results page's own section
(assessments.hooks.results_comparisons).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from action_plans.models import Action, ActionPlan, DeliveryStatus, PlanStatus, PlanStatusChange
from action_plans.selectors import StatusCounts, plan_actions, status_counts
from assessments.hooks import results_comparisons
from assessments.models import AssessmentCycle, DomainReflection, Indicator, IndicatorAnswer
from assessments.selectors.answers_summary import indicators_by_domain
from assessments.selectors.cycles import organisation_response_for
from assessments.selectors.questionnaire import contributor_indicator_spread, views_to_show
from assessments.selectors.reflections import cycle_reflections
from assessments.selectors.results import CycleResults, cycle_results
from assessments.selectors.scoring import Score
from assessments.selectors.sessions import SessionRecord, session_records
from framework.models import Domain
from trauma_wales.kept import organisation_page_parts
from voices.presenters import RoundSummary, told_us
from voices.selectors import cycle_voices
from workforce.selectors import coverage_for_cycle

FULL = "full"
SUMMARY = "summary"
VERSIONS = (FULL, SUMMARY)


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    answer: IndicatorAnswer | None
    spread: list[tuple[str, int]]
    views_held_back: bool = False  # anonymous, and fewer than 3 colleagues answered


@dataclass(frozen=True)
class DomainDetail:
    domain: Domain
    score: Score | None
    rows: list[IndicatorRow]


@dataclass(frozen=True)
class DomainStory:
    """What the group said about one domain area and what it will do there: the report
    opens with these, before any figure."""

    domain: Domain
    reflection: DomainReflection | None
    actions: list[Action]


@dataclass
class PlanSection:
    plan: ActionPlan
    actions: list[Action]
    counts: StatusCounts
    approval: PlanStatusChange | None

    @property
    def is_approved(self) -> bool:
        return self.plan.status == PlanStatus.APPROVED


@dataclass
class BoardReport:
    cycle: AssessmentCycle
    version: str
    generated_at: datetime | None  # None: left out, for the fingerprint (reports.documents)
    results: CycleResults
    plan: PlanSection | None
    domains: list[DomainDetail] = field(default_factory=list)
    coverage: object | None = None  # workforce.coverage.Coverage
    contributor_count: int = 0
    stories: list[DomainStory] = field(default_factory=list)
    sessions: list[SessionRecord] = field(default_factory=list)
    told_us: list[RoundSummary] = field(default_factory=list)  # closed feedback rounds
    comparisons: list[str] = field(default_factory=list)  # HTML sections, from networks

    @property
    def organisation(self):
        return self.cycle.organisation

    @property
    def is_full(self) -> bool:
        return self.version == FULL

    @property
    def lowest_domains(self) -> list[Score]:
        scored = [d for d in self.results.scores.domains if d.percentage is not None]
        return sorted(scored, key=lambda d: d.percentage)[:2]

    @property
    def ready_themes(self) -> int:
        return sum(1 for t in self.results.scores.readiness if t.status == "ready")


def _plan_section(cycle: AssessmentCycle) -> PlanSection | None:
    plan = ActionPlan.objects.filter(cycle=cycle).first()
    if plan is None:
        return None
    approval = None
    if plan.status == PlanStatus.APPROVED:
        approval = (
            plan.history.filter(to_status=PlanStatus.APPROVED)
            .select_related("actor")
            .order_by("-created_at", "-id")
            .first()
        )
    return PlanSection(
        plan=plan,
        actions=list(plan_actions(plan=plan)),
        counts=status_counts(plan=plan),
        approval=approval,
    )


def _stories(cycle: AssessmentCycle, plan: PlanSection | None) -> list[DomainStory]:
    """Each domain area with written reflections or actions still to do, in framework
    order."""
    actions_by_domain: dict[int, list[Action]] = {}
    for action in plan.actions if plan else []:
        if action.delivery_status != DeliveryStatus.CANCELLED:
            actions_by_domain.setdefault(action.domain_id, []).append(action)
    stories = []
    for row in cycle_reflections(cycle=cycle):
        actions = sorted(actions_by_domain.get(row.domain.pk, []), key=lambda a: a.target_date)
        if row.is_written or actions:
            stories.append(
                DomainStory(
                    domain=row.domain,
                    reflection=row.reflection if row.is_written else None,
                    actions=actions,
                )
            )
    return stories


def _domain_details(cycle: AssessmentCycle, results: CycleResults) -> list[DomainDetail]:
    response = organisation_response_for(cycle=cycle)
    shown = views_to_show(cycle, contributor_indicator_spread(cycle=cycle), {})
    scores = {s.key: s for s in results.scores.domains}
    return [
        DomainDetail(
            domain=entry.domain,
            score=scores.get(entry.domain.code),
            rows=[
                IndicatorRow(
                    row.question,
                    row.answer,
                    shown.spread.get(row.question.pk, []),
                    row.question.pk in shown.held_back,
                )
                for row in entry.rows
            ],
        )
        for entry in indicators_by_domain(cycle=cycle, response=response)
    ]


def comparisons_for(cycle: AssessmentCycle, page_parts: tuple | None = None) -> list[str]:
    """How the cycle's scores compare with other organisations', as the results page shows
    it in the active language; empty when the organisation has nothing to compare with (it
    shares its figures with no network, or too few others do). `page_parts`: the page's
    own (trauma_wales.kept), when the caller has them."""
    if page_parts is None:
        page_parts = organisation_page_parts(cycle.organisation, cycle.framework.content_hash)
    return results_comparisons(cycle=cycle, page_parts=page_parts)


def board_report(
    *,
    cycle: AssessmentCycle,
    version: str = FULL,
    with_workforce: bool = True,
    with_comparison: bool = False,
) -> BoardReport:
    """Everything the report shows. `with_workforce` is False for people who may not see
    training figures (see `trauma_wales.permissions`); `with_comparison` adds how the
    scores compare with other organisations', where there is anything to compare with."""
    results = cycle_results(cycle=cycle)
    plan = _plan_section(cycle)
    report = BoardReport(
        cycle=cycle,
        version=version if version in VERSIONS else FULL,
        generated_at=timezone.now(),
        results=results,
        plan=plan,
        stories=_stories(cycle, plan),
        coverage=coverage_for_cycle(cycle) if with_workforce else None,
        contributor_count=cycle.contributors.count(),
        told_us=told_us(voices=cycle_voices(cycle=cycle), domain_scores=results.scores.domains),
        comparisons=comparisons_for(cycle) if with_comparison else [],
    )
    if report.is_full:
        report.domains = _domain_details(cycle, results)
        report.sessions = session_records(cycle=cycle)
    return report
