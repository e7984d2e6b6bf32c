"""How networks' figures read: a comparison's rows, a heatmap cell's shade and words, the
CSV of a network's figures."""

from dataclasses import dataclass

from networks.disclosure import Shown
from networks.selectors.benchmarks import PeerGroup, Spread

# Five shades, lightest for the lowest scores; the number is always printed in the cell,
# so the colour only repeats what the text says (WCAG 1.4.1).
SHADES = ((20, 1), (40, 2), (60, 3), (80, 4))
CHART_TRACK = 400  # the track of templates/networks/_comparison_chart.html, as `bar_width`


@dataclass(frozen=True)
class ComparisonRow:
    domain: object
    ours: int | None
    spread: Spread | None

    @property
    def band_width(self) -> float:
        """The width of the middle half on the comparison chart's 400-unit track."""
        if self.spread is None:
            return 0
        return round((self.spread.upper - self.spread.lower) * CHART_TRACK / 100, 1)


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
