"""Disclosure control for a network's figures: no figure rests on fewer than
`MIN_ORGANISATIONS` organisations, and no hidden figure can be worked out from the ones
shown.

A table of average scores has one row per domain area and one column per group (a sector,
an area), with the row's total beside it: the average over every organisation that shares.
A cell with fewer than 5 organisations is hidden. Hiding it is not enough when the total
is shown: the total's sum less the sums of the cells shown is the hidden cell's sum, so a
single hidden cell could be worked out exactly. So when a row would hide exactly one cell
that holds anyone, the smallest cell still shown is hidden too; when there is no other
cell to hide, the total is hidden instead. Then at least two hidden cells share what the
total leaves over, and neither can be told apart. Pure functions over counts and sums,
tested on their own (tests/networks/test_disclosure.py).
"""

from dataclasses import dataclass

from assessments.selectors.scoring import round_half_up

MIN_ORGANISATIONS = 5


@dataclass(frozen=True)
class Sums:
    """What a group of organisations adds up to: how many, and the sum of their scores."""

    count: int = 0
    total: int = 0

    def __add__(self, other: "Sums") -> "Sums":
        return Sums(self.count + other.count, self.total + other.total)


@dataclass(frozen=True)
class Shown:
    """A cell as the page shows it: its figures, or hidden (`hidden` with no figures)."""

    count: int | None
    average: int | None
    hidden: bool

    @classmethod
    def of(cls, sums: Sums) -> "Shown":
        if sums.count == 0:
            return cls(0, None, False)
        return cls(sums.count, round_half_up(sums.total / sums.count), False)


HIDDEN = Shown(None, None, True)


def controlled_row(cells: dict, total: Sums) -> tuple[dict, Shown]:
    """`cells` ({column: Sums}) and their `total`, each as shown, hidden where needed."""
    if total.count < MIN_ORGANISATIONS:
        return {key: HIDDEN if sums.count else Shown.of(sums) for key, sums in cells.items()}, (
            HIDDEN
        )
    hidden = {key for key, sums in cells.items() if 0 < sums.count < MIN_ORGANISATIONS}
    total_hidden = False
    if len(hidden) == 1:
        others = [
            (sums.count, str(key), key)
            for key, sums in cells.items()
            if key not in hidden and sums.count > 0
        ]
        if others:
            hidden.add(min(others)[2])
        else:
            total_hidden = True
    shown = {key: HIDDEN if key in hidden else Shown.of(sums) for key, sums in cells.items()}
    return shown, HIDDEN if total_hidden else Shown.of(total)


def controlled_count(count: int) -> int | None:
    """A count of organisations that says something about them (how many chose an
    indicator): shown from 5, hidden below."""
    return count if count >= MIN_ORGANISATIONS else None
