"""Reads for action plans, in a fixed number of queries whatever the number of actions:
the plan page (counts by status, overdue first, filters), one action, and the
assessment gaps that could become actions."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from action_plans.models import (
    CLOSED_STATUSES,
    Action,
    ActionPlan,
    DeliveryStatus,
    DismissedGap,
    PlanStatus,
    ProgressUpdate,
)
from action_plans.snapshots import RevisionChanges, compare, plan_snapshot
from assessments.models import AssessmentCycle, Indicator, IndicatorAnswer
from assessments.selectors.cycles import organisation_response_for
from assessments.selectors.scoring import domain_scores
from assessments.selectors.sessions import session_ideas
from framework.models import Domain, PracticeLevel, Principle, WayOfWorking
from organisations.models import Membership
from organisations.selectors import members_for_organisation
from trauma_wales.ids import parse_id
from trauma_wales.read_models import ReadModel
from voices.selectors import StatementResult, disagreed_statements


@dataclass(frozen=True)
class PlanFilters:
    domain: str = ""
    status: str = ""
    owner: str = ""  # a membership id, or "other" for a team or partner without an account
    principle: str = ""

    @property
    def active(self) -> bool:
        return any((self.domain, self.status, self.owner, self.principle))


def plan_for_cycle(*, cycle: AssessmentCycle) -> ActionPlan | None:
    plan = ActionPlan.objects.filter(cycle=cycle).first()
    if plan is not None:
        plan.cycle = cycle  # already loaded (with its framework and organisation): no re-fetch
    return plan


def plan_of_cycle_in_organisation(*, organisation, cycle_id: int) -> ActionPlan | None:
    """The plan of this organisation's cycle, with the cycle and its framework version (one
    query; the organisation is the one given), or None when there is no such plan (the
    cycle may still exist: the caller reads it, or 404s, the usual way)."""
    plan = (
        ActionPlan.objects.select_related("cycle__framework")
        .filter(cycle_id=cycle_id, cycle__organisation=organisation)
        .first()
    )
    if plan is not None:
        plan.cycle.organisation = organisation  # the one read with the membership
    return plan


def plan_actions(*, plan: ActionPlan, filters: PlanFilters | None = None) -> QuerySet[Action]:
    """The plan's actions, overdue first, then by target date, with what the page shows."""
    filters = filters or PlanFilters()
    today = timezone.localdate()
    actions = (
        Action.objects.filter(plan=plan)
        .select_related("domain", "responsible_member__user")
        .prefetch_related(
            "principles",
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.order_by("-recorded_on", "-created_at"),
            ),
        )
        .annotate(
            overdue_first=Case(
                When(Action.overdue_on(today), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("overdue_first", "target_date", "id")
    )
    if filters.domain:
        actions = actions.filter(domain__code=filters.domain)
    if filters.status:
        actions = actions.filter(delivery_status=filters.status)
    if filters.owner == "other":
        actions = actions.filter(responsible_member__isnull=True)
    elif (owner_id := parse_id(filters.owner)) is not None:
        actions = actions.filter(responsible_member_id=owner_id)
    if filters.principle:
        actions = actions.filter(principles__code=filters.principle).distinct()
    return actions


@dataclass
class StatusCounts:
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    total: int = 0

    @property
    def on_track(self) -> int:
        """Open and not overdue."""
        open_count = self.total - sum(self.by_status.get(s, 0) for s in CLOSED_STATUSES)
        return open_count - self.overdue


def status_counts(*, plan: ActionPlan) -> StatusCounts:
    today = timezone.localdate()
    row = Action.objects.filter(plan=plan).aggregate(
        total=Count("id"),
        overdue=Count("id", filter=Action.overdue_on(today)),
        **{
            status.value: Count("id", filter=Q(delivery_status=status)) for status in DeliveryStatus
        },
    )
    return StatusCounts(
        by_status={status.value: row[status.value] for status in DeliveryStatus},
        overdue=row["overdue"],
        total=row["total"],
    )


def answered_dont_know(*, cycle: AssessmentCycle, indicator: Indicator) -> bool:
    """Whether the organisation's answer to `indicator` is "Don't know"."""
    return IndicatorAnswer.objects.filter(
        response=organisation_response_for(cycle=cycle), indicator=indicator, dont_know=True
    ).exists()


def indicator_in_framework(*, cycle: AssessmentCycle, indicator_id: str | None) -> Indicator | None:
    """The indicator with this id (as sent in a request) in the cycle's framework version."""
    pk = parse_id(indicator_id)
    if pk is None:
        return None
    return (
        Indicator.objects.filter(framework_id=cycle.framework_id, pk=pk)
        .select_related("domain")
        .first()
    )


def action_in_plan(*, plan: ActionPlan, action_id: int) -> Action:
    try:
        action = (
            Action.objects.select_related("domain", "responsible_member__user")
            .prefetch_related("indicators", "principles", "practice_levels", "ways_of_working")
            .get(plan=plan, pk=action_id)
        )
    except Action.DoesNotExist as missing:
        raise Http404("No such action in this plan") from missing
    action.plan = plan
    return action


@dataclass(frozen=True)
class ActionPage(ReadModel):
    """What the action page lists below the action: its progress notes and comments."""

    progress: list[ProgressUpdate]
    comments: list


def action_page(*, action: Action) -> ActionPage:
    return ActionPage(
        progress=list(action.progress_updates.select_related("author")),
        comments=list(action.comments.select_related("author")),
    )


@dataclass(frozen=True)
class Gap:
    answer: IndicatorAnswer
    domain_percentage: int | None
    ideas: tuple[str, ...] = ()  # actions to consider, noted at the cycle's sessions

    @property
    def indicator(self):
        return self.answer.indicator

    @property
    def to_find_out(self) -> bool:
        """Answered "Don't know": the first step is to find out."""
        return self.answer.dont_know


def plan_gaps(*, plan: ActionPlan) -> list[Gap]:
    """Indicators flagged as a priority, rated 0 or 1, answered "Don't know" (something
    to find out), or with actions to consider noted at a consensus session, lowest-scoring
    domains first, leaving out those already in an action or set aside with a reason."""
    cycle = plan.cycle
    response = organisation_response_for(cycle=cycle)
    percentages = {s.key: s.percentage for s in domain_scores(cycle=cycle, response=response)}
    taken = set(
        Action.objects.filter(plan=plan).values_list("source_indicator_id", flat=True)
    ) | set(Action.indicators.through.objects.filter(action__plan=plan).values_list(
        "indicator_id", flat=True
    ))  # fmt: skip
    dismissed = set(plan.dismissed_gaps.values_list("indicator_id", flat=True))
    ideas = session_ideas(cycle=cycle)
    answers = (
        IndicatorAnswer.objects.filter(response=response, indicator__is_active=True)
        .filter(
            IndicatorAnswer.needs_focus_condition()
            | Q(dont_know=True)
            | Q(indicator_id__in=ideas, not_applicable=False)
        )
        .exclude(indicator_id__in=taken | dismissed)
        .select_related("indicator__domain")
        .prefetch_related("indicator__principles")
    )
    gaps = [
        Gap(
            answer=a,
            domain_percentage=percentages.get(a.indicator.domain.code),
            ideas=tuple(ideas.get(a.indicator_id, ())),
        )
        for a in answers
    ]
    gaps.sort(
        key=lambda g: (
            g.domain_percentage if g.domain_percentage is not None else 101,
            g.indicator.domain.order,
            g.indicator.order,
        )
    )
    return gaps


def plan_feedback_gaps(*, plan: ActionPlan) -> list[StatementResult]:
    """Statements people disagreed with most in the cycle's closed feedback rounds, leaving
    out those the plan already has an action for."""
    taken = set(
        Action.objects.filter(plan=plan, source_statement__isnull=False).values_list(
            "source_statement_id", flat=True
        )
    )
    return [
        result
        for result in disagreed_statements(cycle=plan.cycle)
        if result.statement.pk not in taken
    ]


@dataclass(frozen=True)
class ActionChoices:
    """What the action form offers, as queries it evaluates once to show and filters again
    to check what came back: members of this organisation and the content of this cycle's
    framework version."""

    members: QuerySet
    domains: QuerySet
    indicators: QuerySet
    principles: QuerySet
    practice_levels: QuerySet
    ways_of_working: QuerySet


def _active(model, *, plan: ActionPlan) -> QuerySet:
    """The active items of one kind in the plan's framework version, in framework order."""
    return model.objects.filter(framework_id=plan.cycle.framework_id, is_active=True).order_by(
        "order"
    )


def action_form_choices(*, plan: ActionPlan) -> ActionChoices:
    """Six queries when the form is shown; one more per field when it is checked."""
    return ActionChoices(
        members=members_for_organisation(organisation=plan.cycle.organisation),
        domains=_active(Domain, plan=plan),
        indicators=Indicator.objects.filter(framework_id=plan.cycle.framework_id, is_active=True)
        .select_related("domain")
        .order_by("domain__order", "order"),
        principles=_active(Principle, plan=plan),
        practice_levels=_active(PracticeLevel, plan=plan),
        ways_of_working=_active(WayOfWorking, plan=plan),
    )


def revision_changes(*, plan: ActionPlan) -> RevisionChanges | None:
    """During a revision, what differs from the last approved version (None otherwise)."""
    if plan.status == PlanStatus.APPROVED:
        return None
    version = plan.versions.first()
    if version is None:
        return None
    return compare(version, plan_snapshot(plan))


@dataclass(frozen=True)
class PlanFilterChoices:
    """What the plan page's filters offer: the members responsible for actions in this
    plan, domain areas and principles."""

    members: list[Membership]
    domains: list[Domain]
    principles: list[Principle]


def plan_filter_choices(*, plan: ActionPlan) -> PlanFilterChoices:
    return PlanFilterChoices(
        members=list(
            Membership.objects.filter(responsible_for__plan=plan)
            .distinct()
            .select_related("user")
            .order_by("user__full_name")
        ),
        domains=list(_active(Domain, plan=plan)),
        principles=list(_active(Principle, plan=plan)),
    )


@dataclass(frozen=True)
class PlanPage(ReadModel):
    """The plan page below its buttons, beside the table of actions (`plan_table_actions`):
    comments, what changed in this revision, counts by status, the review history and the
    filters' choices. The page keeps what it renders from them (trauma_wales.kept)."""

    action_comments: list
    changes_asked: object | None  # the reviewer's request, while the plan waits on it
    revision_changes: RevisionChanges | None
    counts: StatusCounts
    history: list
    comments: list
    filter_choices: PlanFilterChoices
    set_aside: list


def plan_table_actions(*, plan: ActionPlan, filters: PlanFilters) -> list[Action]:
    """The actions the plan page's table shows, filtered (one query). The table shows
    neither principles nor progress notes, so those are not fetched."""
    return list(
        plan_actions(plan=plan, filters=filters)
        .prefetch_related(None)
        .annotate(comment_count=Count("comments", distinct=True))
    )


def plan_page(*, plan: ActionPlan) -> PlanPage:
    # Comments on the plan, and this revision's comments on single actions, in one query.
    comments = list(
        plan.comments.filter(Q(action__isnull=True) | Q(revision=plan.revision))
        .select_related("author", "action")
        .order_by("-id")
    )
    history = list(plan.history.select_related("actor"))
    asked = [c for c in history if c.to_status == PlanStatus.CHANGES_REQUESTED]
    return PlanPage(
        action_comments=[c for c in comments if c.action_id is not None],
        changes_asked=asked[-1] if asked and plan.status == PlanStatus.CHANGES_REQUESTED else None,
        revision_changes=revision_changes(plan=plan),
        counts=status_counts(plan=plan),
        history=history,
        comments=[c for c in comments if c.action_id is None],
        filter_choices=plan_filter_choices(plan=plan),
        set_aside=plan_set_aside(plan=plan),
    )


def plan_set_aside(*, plan: ActionPlan) -> list[DismissedGap]:
    """The assessment's gaps the lead set aside, with their reasons, in the framework's
    order (one query)."""
    return list(
        plan.dismissed_gaps.select_related("indicator__domain", "dismissed_by").order_by(
            "indicator__domain__order", "indicator__order"
        )
    )
