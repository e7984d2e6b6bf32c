"""How networks' figures read: a comparison's rows, a heatmap cell's shade and words, the
bars of the coordinator's charts."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from assessments.selectors.scoring import round_half_up
from networks.disclosure import Shown
from networks.selectors.benchmarks import PeerGroup, Spread
from networks.selectors.figures import CountRow, TrainingRow
from trauma_wales.templatetags.app_tags import bar_width

# Five shades, lightest for the lowest scores; the number is always printed in the cell,
# so the colour only repeats what the text says (WCAG 1.4.1).
SHADES = ((20, 1), (40, 2), (60, 3), (80, 4))


@dataclass(frozen=True)
class ComparisonRow:
    domain: object
    ours: int | None
    spread: Spread | None

    @property
    def band_width(self) -> float:
        """The width of the middle half on the comparison chart's track, on the scale the
        template places it with (`bar_width`)."""
        if self.spread is None:
            return 0
        return round(bar_width(self.spread.upper) - bar_width(self.spread.lower), 1)


def comparison_rows(group: PeerGroup, domains, ours: dict[str, int | None]) -> list[ComparisonRow]:
    return [
        ComparisonRow(
            domain=domain, ours=ours.get(domain.code), spread=group.by_domain.get(domain.code)
        )
        for domain in domains
    ]


def shade(cell: Shown) -> int:
    """0 for a cell with no figure, else 1 (lowest) to 5 (highest)."""
    if cell.average is None:
        return 0
    for ceiling, level in SHADES:
        if cell.average < ceiling:
            return level
    return 5


@dataclass(frozen=True)
class Bar:
    """A bar of assessments/results/_bar_chart.html with its counts: `trained` of
    `needed` reads "(3 of 8)" beside it, whatever is counted."""

    name: str
    percentage: int | None
    trained: int | None
    needed: int | None
    empty_text: str = ""  # said instead of a bar


def stage_bars(stages: list[CountRow]) -> list[Bar]:
    """How far members have got, each stage as a share of the members that share (each is
    at one stage); no chart when none does (the table says so)."""
    sharing = sum(row.count for row in stages)
    if not sharing:
        return []
    return [
        Bar(row.label, round_half_up(100 * row.count / sharing), row.count, sharing)
        for row in stages
    ]


def training_bars(training: list[TrainingRow]) -> list[Bar]:
    """Training coverage by practice level; a hidden level has no bar, and no chart when
    every level is hidden (the table says so)."""
    if all(row.percentage is None for row in training):
        return []
    return [
        Bar(
            row.level,
            row.percentage,
            row.trained,
            row.needed,
            _("Hidden: figures from fewer than 5 organisations")
            if row.needed is None
            else _("No one needs this level"),
        )
        for row in training
    ]
