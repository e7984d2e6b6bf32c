"""A network's figures for its coordinators: who is in it, by sector and area; how far
members have got; domain area scores by sector and by region, under disclosure control;
the indicators most often chosen to focus on; training coverage by practice level.

Only organisations that have joined and share their figures count (a declined, left or
invited organisation counts for nothing), and only their stored findings are read
(assessments.models.submitted), never their answers, notes or plan: the number of queries
does not depend on the number of organisations, and a network of 10,000 answers quickly
(benchmarks/networks.py). What comes only from peers' data (counts by sector and region,
both heatmaps, the focus list, the date) is kept under `PEER_FIGURES`; how far members
have got, training and the named list follow plans, cycles and workforce figures, whose
changes that version does not count, so they are read on each request.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Sum,
    Value,
    When,
)
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from action_plans.models import Action, ActionPlan, DeliveryStatus, PlanStatus
from assessments.models import (
    AssessmentCycle,
    CycleStatus,
    Indicator,
    SubmittedDomainScore,
    SubmittedFocus,
)
from assessments.selectors.scoring import round_half_up
from framework.models import Domain, FrameworkVersion, PracticeLevel
from networks.disclosure import MIN_ORGANISATIONS, Shown, Sums, controlled_count, controlled_row
from networks.models import MembershipStatus, Network, NetworkMembership
from networks.selectors.networks import sharing_organisation_ids
from organisations.models import Area, AreaKind, Organisation, Sector
from trauma_wales.kept import PEER_FIGURES, kept, shared_data_version
from trauma_wales.models import CHANGE_ENTRIES, AuditEntry
from workforce.models import StaffGroupNeed

NO_AREA = "none"
FOCUS_SHOWN = 10
NAMED_PER_PAGE = 50


class Stage:
    NOT_STARTED, READINESS, ASSESSED, PLAN_APPROVED, DELIVERING = 0, 1, 2, 3, 4
    LABELS = {
        NOT_STARTED: _("Not started"),
        READINESS: _("Assessing"),
        ASSESSED: _("Assessed"),
        PLAN_APPROVED: _("Plan approved"),
        DELIVERING: _("Delivering the plan"),
    }
    HINTS = {
        NOT_STARTED: _("No assessment yet"),
        READINESS: _("An assessment is under way, none submitted yet"),
        ASSESSED: _("An assessment is submitted"),
        PLAN_APPROVED: _("Its action plan is approved"),
        DELIVERING: _("Actions of its approved plan are under way or done"),
    }


@dataclass(frozen=True)
class CountRow:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class HeatmapRow:
    domain: str
    total: Shown
    cells: list[Shown]


@dataclass(frozen=True)
class Heatmap:
    columns: list[CountRow]  # each group, with how many sharing organisations are in it
    rows: list[HeatmapRow]

    @property
    def any_hidden(self) -> bool:
        return any(cell.hidden for row in self.rows for cell in [row.total, *row.cells])


@dataclass(frozen=True)
class FocusRow:
    code: str
    text: str
    domain: str
    count: int


@dataclass(frozen=True)
class TrainingRow:
    level: str
    organisations: int
    needed: int | None
    trained: int | None

    @property
    def percentage(self) -> int | None:
        if not self.needed or self.trained is None:
            return None
        return round_half_up(100 * self.trained / self.needed)


@dataclass(frozen=True)
class NamedRow:
    name: str
    sector: str
    stage: int
    last_moved: date | None

    @property
    def stage_label(self):
        return Stage.LABELS[self.stage]


@dataclass
class NetworkFigures:
    joined: int
    sharing: int
    invited: int
    by_sector: list[CountRow]
    by_area: list[CountRow]
    stages: list[CountRow]
    sector_heatmap: Heatmap
    area_heatmap: Heatmap
    focus: list[FocusRow]
    training: list[TrainingRow]
    as_of: date | None
    named: list[NamedRow] = field(default_factory=list)
    named_total: int = 0


def _sector_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Sector.choices}


def _stage_annotation():
    """How far each organisation has got, as one number (Stage), from its cycles and plans."""
    cycles = AssessmentCycle.objects.filter(organisation=OuterRef("pk"))
    approved = ActionPlan.objects.filter(
        cycle__organisation=OuterRef("pk"), status=PlanStatus.APPROVED
    )
    delivering = Action.objects.filter(
        plan__cycle__organisation=OuterRef("pk"),
        plan__status=PlanStatus.APPROVED,
        delivery_status__in=[DeliveryStatus.IN_PROGRESS, DeliveryStatus.COMPLETED],
    )
    return Case(
        When(Exists(delivering), then=Value(Stage.DELIVERING)),
        When(Exists(approved), then=Value(Stage.PLAN_APPROVED)),
        When(Exists(cycles.filter(status=CycleStatus.SUBMITTED)), then=Value(Stage.ASSESSED)),
        When(Exists(cycles), then=Value(Stage.READINESS)),
        default=Value(Stage.NOT_STARTED),
        output_field=IntegerField(),
    )


def _domains(framework) -> list[Domain]:
    return list(Domain.objects.filter(framework=framework, is_active=True).order_by("order"))


def _heatmap(domains, columns: list[CountRow], sums: dict[tuple[str, str], Sums]) -> Heatmap:
    rows = []
    for domain in domains:
        cells = {column.key: sums.get((domain.code, column.key), Sums()) for column in columns}
        total = sum(cells.values(), Sums())
        shown, shown_total = controlled_row(cells, total)
        rows.append(
            HeatmapRow(
                domain=domain.name,
                total=shown_total,
                cells=[shown[column.key] for column in columns],
            )
        )
    return Heatmap(columns=columns, rows=rows)


def _area_sums(network: Network) -> dict[tuple[str, str], Sums]:
    """Each domain's scores by regional partnership board: an organisation counts once in
    each region it works in (once, however many of the region's areas it names), and under
    "not given" when it names none."""
    scores = SubmittedDomainScore._meta.db_table
    areas = Area._meta.db_table
    links = Organisation.areas.through._meta.db_table
    members = NetworkMembership._meta.db_table
    sql = f"""
        WITH sharing AS (
            SELECT organisation_id FROM {members}
            WHERE network_id = %s AND status = %s AND shares_figures
        ), regions AS (
            SELECT DISTINCT l.organisation_id, r.code
            FROM {links} l JOIN {areas} a ON a.id = l.area_id
            JOIN {areas} r ON r.id = a.partnership_id
            WHERE l.organisation_id IN (SELECT organisation_id FROM sharing)
            UNION ALL
            SELECT s.organisation_id, %s FROM sharing s
            WHERE NOT EXISTS (SELECT 1 FROM {links} l WHERE l.organisation_id = s.organisation_id)
        )
        SELECT sc.domain_code, regions.code, COUNT(*), SUM(sc.percentage)
        FROM {scores} sc JOIN regions ON regions.organisation_id = sc.organisation_id
        WHERE sc.is_latest AND sc.percentage IS NOT NULL
        GROUP BY sc.domain_code, regions.code
    """  # noqa: S608 (table names are our models'; every value is a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [network.pk, MembershipStatus.JOINED, NO_AREA])
        return {(code, region): Sums(n, int(total)) for code, region, n, total in cursor}


@dataclass(frozen=True)
class PeerFigures:
    """What comes only from members' stored findings, sharing choices, sectors and areas:
    the same for every coordinator until `PEER_FIGURES` moves, so it is kept."""

    joined: int
    by_sector: list[CountRow]
    by_area: list[CountRow]
    sector_heatmap: Heatmap
    area_heatmap: Heatmap
    focus: list[FocusRow]
    as_of: date | None


def _peer_figures(network: Network) -> PeerFigures:
    sharing = sharing_organisation_ids(network)
    joined_ids = NetworkMembership.objects.filter(
        network=network, status=MembershipStatus.JOINED
    ).values("organisation_id")
    sector_labels = _sector_labels()
    by_sector = [
        CountRow(sector, sector_labels.get(sector, sector), n)
        for sector, n in Organisation.objects.filter(pk__in=joined_ids)
        .values("sector")
        .annotate(n=Count("id"))
        .order_by("-n", "sector")
        .values_list("sector", "n")
    ]
    regions = {
        area.code: area for area in Area.objects.filter(kind=AreaKind.PARTNERSHIP).order_by("order")
    }
    region_counts: dict[str | None, int] = dict(
        Organisation.objects.filter(pk__in=joined_ids)
        .values("areas__partnership__code")
        .annotate(n=Count("id", distinct=True))
        .values_list("areas__partnership__code", "n")
    )
    by_area = [
        CountRow(code, area.name, region_counts.get(code, 0)) for code, area in regions.items()
    ]
    if region_counts.get(None):
        by_area.append(CountRow(NO_AREA, str(_("Areas not given")), region_counts[None]))

    latest = SubmittedDomainScore.objects.filter(
        is_latest=True, organisation_id__in=sharing, percentage__isnull=False
    )
    framework = FrameworkVersion.objects.current()
    domains = _domains(framework)
    sector_rows = list(
        latest.values("domain_code", "organisation__sector")
        .annotate(n=Count("id"), total=Sum("percentage"), newest=Max("submitted_on"))
        .values_list("domain_code", "organisation__sector", "n", "total", "newest")
    )
    sector_sums = {
        (code, sector): Sums(n, total or 0) for code, sector, n, total, _d in sector_rows
    }
    sector_columns = [
        CountRow(row.key, row.label, row.count)
        for row in by_sector
        if any(key[1] == row.key for key in sector_sums)
    ]
    area_sums = _area_sums(network)
    area_columns = [row for row in by_area if any(key[1] == row.key for key in area_sums)]
    return PeerFigures(
        joined=sum(row.count for row in by_sector),
        by_sector=by_sector,
        by_area=by_area,
        sector_heatmap=_heatmap(domains, sector_columns, sector_sums),
        area_heatmap=_heatmap(domains, area_columns, area_sums),
        focus=_focus(sharing, framework),
        as_of=max((row[4] for row in sector_rows), default=None),
    )


def network_figures(*, network: Network, named_page: int = 1) -> NetworkFigures:
    """The network's figures: what comes from peers' data kept under its version, what
    follows members' plans, cycles and workforce read on each request."""
    sharing = sharing_organisation_ids(network)
    peers = kept(
        ("network-figures", network.pk, shared_data_version(PEER_FIGURES), get_language()),
        lambda: _peer_figures(network),
    )
    invited = NetworkMembership.objects.filter(
        network=network, status=MembershipStatus.INVITED
    ).count()
    stage_counts = dict(
        Organisation.objects.filter(pk__in=sharing)
        .annotate(stage=_stage_annotation())
        .values("stage")
        .annotate(n=Count("id"))
        .values_list("stage", "n")
    )
    stages = [
        CountRow(str(stage), str(label), stage_counts.get(stage, 0))
        for stage, label in Stage.LABELS.items()
    ]
    return NetworkFigures(
        joined=peers.joined,
        sharing=sum(stage_counts.values()),
        invited=invited,
        by_sector=peers.by_sector,
        by_area=peers.by_area,
        stages=stages,
        sector_heatmap=peers.sector_heatmap,
        area_heatmap=peers.area_heatmap,
        focus=peers.focus,
        training=_training(sharing, FrameworkVersion.objects.current()),
        as_of=peers.as_of,
        **_named(network, named_page),
    )


def _focus(sharing, framework) -> list[FocusRow]:
    """The indicators most often marked to focus on in members' latest submitted cycles,
    each chosen by at least 5 organisations."""
    counts = list(
        SubmittedFocus.objects.filter(is_latest=True, organisation_id__in=sharing)
        .values("indicator_code")
        # One latest cycle per organisation, and an indicator once per cycle: a row is an
        # organisation (COUNT(DISTINCT ...) sorted 64,000 rows to disk at 10,000 members).
        .annotate(n=Count("id"))
        .filter(n__gte=MIN_ORGANISATIONS)
        .order_by("-n", "indicator_code")
        .values_list("indicator_code", "n")[:FOCUS_SHOWN]
    )
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(
            framework=framework, code__in=[code for code, _n in counts]
        ).select_related("domain")
    }
    return [
        FocusRow(code, indicators[code].text, indicators[code].domain.name, n)
        for code, n in counts
        if code in indicators and controlled_count(n)
    ]


def _training(sharing, framework) -> list[TrainingRow]:
    """Training coverage by practice level across the members' current figures; a level
    with figures from fewer than 5 organisations is hidden."""
    sums = {
        code: (orgs, needed, trained)
        for code, orgs, needed, trained in StaffGroupNeed.objects.filter(
            group__organisation_id__in=sharing
        )
        .values("level__code")
        .annotate(
            orgs=Count("group__organisation_id", distinct=True),
            needed=Sum("group__headcount"),
            trained=Sum("trained"),
        )
        .values_list("level__code", "orgs", "needed", "trained")
    }
    rows = []
    for level in PracticeLevel.objects.filter(framework=framework, is_active=True).order_by(
        "order"
    ):
        orgs, needed, trained = sums.get(level.code, (0, 0, 0))
        shown = orgs >= MIN_ORGANISATIONS
        rows.append(
            TrainingRow(
                level=level.name,
                organisations=orgs,
                needed=needed if shown else None,
                trained=trained if shown else None,
            )
        )
    return rows


def _named(network: Network, page: int) -> dict:
    """The members that chose to show their name beside their progress, a page at a time,
    with when they last changed anything (their latest audit entry of a change)."""
    named = (
        Organisation.objects.filter(
            network_memberships__network=network,
            network_memberships__status=MembershipStatus.JOINED,
            network_memberships__shares_name=True,
        )
        .annotate(stage=_stage_annotation())
        .order_by("name", "pk")
    )
    total = named.count()
    page = max(1, min(page, (total + NAMED_PER_PAGE - 1) // NAMED_PER_PAGE or 1))
    rows = list(
        named.values_list("pk", "name", "sector", "stage")[
            (page - 1) * NAMED_PER_PAGE : page * NAMED_PER_PAGE
        ]
    )
    moved = dict(
        AuditEntry.objects.filter(CHANGE_ENTRIES, organisation_id__in=[row[0] for row in rows])
        .values("organisation_id")
        .annotate(latest=Max("created_at"))
        .values_list("organisation_id", "latest")
    )
    labels = _sector_labels()
    return {
        "named_total": total,
        "named": [
            NamedRow(
                name=name,
                sector=labels.get(sector, sector),
                stage=stage,
                last_moved=moved[pk].date() if pk in moved else None,
            )
            for pk, name, sector, stage in rows
        ],
    }
