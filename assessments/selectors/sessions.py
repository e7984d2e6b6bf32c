"""What a consensus session works through: every indicator of the cycle, with colleagues'
views as a lead may see them (anonymous spreads only from ANONYMOUS_VIEWS_MIN answers),
the organisation's answer, and what this and earlier sessions decided.

"Where views differ most" puts first the indicators whose shown ratings are furthest
apart. An indicator agreed at an earlier session is listed apart; one left "not agreed
yet" is back with the rest to discuss. A fixed number of queries whatever the number of
colleagues, indicators or sessions.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from assessments.models import (
    AssessmentCycle,
    ConsensusSession,
    Indicator,
    IndicatorAnswer,
    Outcome,
    SectionRevision,
    SessionItem,
)
from assessments.selectors.cycles import organisation_response_for
from assessments.selectors.questionnaire import (
    ColleagueNote,
    _colleague_notes,
    contributor_indicator_ratings,
    views_to_show,
)
from trauma_wales.ids import parse_id
from trauma_wales.read_models import ReadModel

DIFFER, FRAMEWORK_ORDER = "differ", "framework"
ORDERS = (DIFFER, FRAMEWORK_ORDER)
TO_DISCUSS, AGREED_HERE, NOT_AGREED_HERE, AGREED_EARLIER, NOT_AGREED_EARLIER = (
    "to_discuss", "agreed_here", "not_agreed_here", "agreed_earlier", "not_agreed_earlier",
)  # fmt: skip


@dataclass(frozen=True)
class SessionSummary(ReadModel):
    session: ConsensusSession
    agreed: int
    not_agreed: int


def cycle_sessions(*, cycle: AssessmentCycle) -> list[SessionSummary]:
    sessions = (
        ConsensusSession.objects.filter(cycle=cycle)
        .annotate(
            agreed=Count("items", filter=Q(items__outcome=Outcome.AGREED)),
            not_agreed=Count("items", filter=Q(items__outcome=Outcome.NOT_AGREED)),
        )
        .prefetch_related("members")
        .order_by("held_on", "pk")
    )
    return [SessionSummary(s, s.agreed, s.not_agreed) for s in sessions]


def session_in_cycle(*, cycle: AssessmentCycle, session_id) -> ConsensusSession:
    """One session of this cycle (404 otherwise, whatever the id looks like)."""
    pk = parse_id(session_id)
    session = ConsensusSession.objects.filter(cycle=cycle, pk=pk).first() if pk else None
    if session is None:
        raise Http404("No such session in this assessment")
    session.cycle = cycle
    return session


@dataclass(frozen=True)
class SessionRecord(ReadModel):
    """A session as the board report tells it: who took part, and what it decided."""

    session: ConsensusSession
    agreed: list[SessionItem]
    not_agreed: list[SessionItem]


def session_records(*, cycle: AssessmentCycle) -> list[SessionRecord]:
    """Every session of the cycle with its decisions in question order (three queries)."""
    items = Prefetch(
        "items",
        queryset=SessionItem.objects.select_related("indicator__domain").order_by(
            "indicator__domain__order", "indicator__order"
        ),
    )
    sessions = (
        ConsensusSession.objects.filter(cycle=cycle)
        .prefetch_related("members", items)
        .order_by("held_on", "pk")
    )
    return [
        SessionRecord(
            session=s,
            agreed=[i for i in s.items.all() if i.is_agreed],
            not_agreed=[i for i in s.items.all() if not i.is_agreed],
        )
        for s in sessions
    ]


@dataclass(frozen=True)
class QueueRow:
    indicator: Indicator
    number: int  # the indicator's number on its domain's page
    answer: IndicatorAnswer | None
    spread: list[tuple[str, int]]
    held_back: bool
    width: int | None  # the gap between the lowest and highest shown rating
    here: SessionItem | None
    earlier: SessionItem | None  # the latest decision at another session of the cycle

    @property
    def status(self) -> str:
        if self.here is not None:
            return AGREED_HERE if self.here.is_agreed else NOT_AGREED_HERE
        if self.earlier is not None:
            return AGREED_EARLIER if self.earlier.is_agreed else NOT_AGREED_EARLIER
        return TO_DISCUSS

    @property
    def agreed_earlier(self) -> bool:
        return self.status == AGREED_EARLIER


@dataclass(frozen=True)
class SessionQueue(ReadModel):
    session: ConsensusSession
    order: str
    rows: list[QueueRow]

    @property
    def to_discuss(self) -> list[QueueRow]:
        return [row for row in self.rows if not row.agreed_earlier]

    @property
    def agreed_earlier(self) -> list[QueueRow]:
        return [row for row in self.rows if row.agreed_earlier]

    def after(self, indicator_id: int) -> QueueRow | None:
        """The next indicator to discuss after this one, in the queue's order."""
        rows = self.to_discuss
        ids = [row.indicator.pk for row in rows]
        if indicator_id not in ids:
            return None
        later = rows[ids.index(indicator_id) + 1 :]
        return next((row for row in later if row.here is None), None)


def session_queue(*, session: ConsensusSession, order: str = DIFFER) -> SessionQueue:
    cycle = session.cycle
    order = order if order in ORDERS else DIFFER
    indicators = list(
        Indicator.objects.filter(framework_id=cycle.framework_id, is_active=True)
        .select_related("domain")
        .order_by("domain__order", "order")
    )
    response = organisation_response_for(cycle=cycle)
    answers = {a.indicator_id: a for a in IndicatorAnswer.objects.filter(response=response)}
    ratings = contributor_indicator_ratings(cycle=cycle)
    shown = views_to_show(cycle, ratings.spread, {})
    here, earlier = {}, {}
    for item in SessionItem.objects.filter(session__cycle=cycle).order_by(
        "session__held_on", "session_id"
    ):
        if item.session_id == session.pk:
            here[item.indicator_id] = item
        else:
            earlier[item.indicator_id] = item  # later sessions overwrite earlier ones
    rows: list[QueueRow] = []
    numbers: dict[int, int] = {}
    for indicator in indicators:
        numbers[indicator.domain_id] = numbers.get(indicator.domain_id, 0) + 1
        rows.append(
            QueueRow(
                indicator=indicator,
                number=numbers[indicator.domain_id],
                answer=answers.get(indicator.pk),
                spread=shown.spread.get(indicator.pk, []),
                held_back=indicator.pk in shown.held_back,
                # Only where the spread is shown: anonymous views held back stay out of
                # the order too.
                width=ratings.widths.get(indicator.pk) if indicator.pk in shown.spread else None,
                here=here.get(indicator.pk),
                earlier=earlier.get(indicator.pk),
            )
        )
    if order == DIFFER:
        # Widest first, then those where views agree, then those without shown views;
        # the sort is stable, so the framework's order within each.
        rows.sort(key=lambda row: (row.width is None, -(row.width or 0)))
    return SessionQueue(session=session, order=order, rows=rows)


@dataclass(frozen=True)
class FacilitationPage(ReadModel):
    queue: SessionQueue
    row: QueueRow
    position: int  # 1-based, among the indicators to discuss
    notes: list[ColleagueNote]
    revision: int  # the domain section's, for the save to check
    next_row: QueueRow | None


def facilitation_page(
    *, session: ConsensusSession, code: str, order: str = DIFFER
) -> FacilitationPage:
    queue = session_queue(session=session, order=order)
    row = next((r for r in queue.rows if r.indicator.code == code), None)
    if row is None:
        raise Http404("No such indicator in this assessment")
    cycle = session.cycle
    notes = views_to_show(
        cycle,
        {row.indicator.pk: row.spread} if row.spread else {},
        _colleague_notes(
            IndicatorAnswer.objects.filter(response__cycle=cycle, indicator=row.indicator),
            "evidence",
            "indicator_id",
        ),
    ).notes.get(row.indicator.pk, [])
    revision = (
        SectionRevision.objects.filter(
            response__cycle=cycle,
            response__contributor__isnull=True,
            section=row.indicator.domain.code,
        )
        .values_list("revision", flat=True)
        .first()
    )
    to_discuss = queue.to_discuss
    position = next((n for n, r in enumerate(to_discuss, 1) if r is row), 0)
    return FacilitationPage(
        queue=queue,
        row=row,
        position=position,
        notes=notes,
        revision=revision or 0,
        next_row=queue.after(row.indicator.pk),
    )


def session_ideas(*, cycle: AssessmentCycle) -> dict[int, list[str]]:
    """The actions to consider that the cycle's sessions noted, per indicator id, the
    latest session first (one query): the action plan offers them with its suggestions."""
    ideas: dict[int, list[str]] = {}
    rows = (
        SessionItem.objects.filter(session__cycle=cycle)
        .exclude(actions="")
        .order_by("-session__held_on", "-session_id")
        .values_list("indicator_id", "actions")
    )
    for indicator_id, actions in rows:
        ideas.setdefault(indicator_id, []).append(actions)
    return ideas
