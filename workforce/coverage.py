"""Training coverage arithmetic: pure functions over plain values, no database.

Per practice level, the people who need it are the headcounts of the groups that need it,
and the people trained are those groups' trained counts. The percentage is trained over
needed, rounded half up; a level nobody needs has no percentage (never a division by zero).
Overall adds up every level each group needs: a group of 10 that needs two levels counts as
20 training needs. The same inputs are stored in snapshots (`coverage_to_json`) and read
back (`coverage_from_json`), so live and recorded figures go through one calculation.
"""

from dataclasses import dataclass, replace
from datetime import date

from assessments.selectors.scoring import round_half_up
from trauma_wales.bilingual import LocalisedText, localised

JSON_VERSION = 1


@dataclass(frozen=True)
class LevelInput:
    code: str
    name_en: str
    name_cy: str = ""
    id: int | None = None


@dataclass(frozen=True)
class NeedInput:
    level_code: str
    trained: int
    counted_on: date | None = None


@dataclass(frozen=True)
class GroupInput:
    name: str
    headcount: int
    needs: tuple[NeedInput, ...]
    description: str = ""
    id: int | None = None


class _Sums:
    """needed and trained, with the derived percentage and the number still to train."""

    needed: int
    trained: int

    @property
    def percentage(self) -> int | None:
        if not self.needed:
            return None
        return round_half_up(100 * self.trained / self.needed)

    @property
    def still_to_train(self) -> int:
        return max(0, self.needed - self.trained)


class _Compared(_Sums):
    previous: "Figures | None"

    @property
    def change(self) -> int | None:
        """Change in percentage points since the previous snapshot, when both have one."""
        if self.previous is None or self.percentage is None or self.previous.percentage is None:
            return None
        return self.percentage - self.previous.percentage


@dataclass(frozen=True)
class Figures(_Compared):
    needed: int
    trained: int
    previous: "Figures | None" = None


@dataclass(frozen=True)
class LevelCoverage(_Compared):
    code: str
    name_en: str
    name_cy: str
    needed: int
    trained: int
    group_count: int
    id: int | None = None
    previous: Figures | None = None

    @property
    def name(self) -> LocalisedText:
        return localised({"en": self.name_en, "cy": self.name_cy})


@dataclass(frozen=True)
class NeedCoverage(_Sums):
    """One group's need for one level: `needed` is the group's headcount."""

    level: LevelCoverage
    needed: int
    trained: int
    counted_on: date | None

    @property
    def name(self) -> LocalisedText:
        return self.level.name


@dataclass(frozen=True)
class GroupCoverage:
    name: str
    description: str
    headcount: int
    needs: tuple[NeedCoverage, ...]
    id: int | None = None

    @property
    def gaps(self) -> list[NeedCoverage]:
        return [need for need in self.needs if need.still_to_train]


@dataclass(frozen=True)
class Coverage:
    levels: tuple[LevelCoverage, ...]
    groups: tuple[GroupCoverage, ...]
    overall: Figures
    as_at: date | None = None
    previous_as_at: date | None = None

    @property
    def headcount(self) -> int:
        return sum(group.headcount for group in self.groups)

    @property
    def gaps(self) -> list[tuple[GroupCoverage, NeedCoverage]]:
        return [(group, need) for group in self.groups for need in group.gaps]

    @property
    def has_previous(self) -> bool:
        return self.previous_as_at is not None

    def compared_with(self, previous: "Coverage | None") -> "Coverage":
        """These figures with `previous` attached to each level and overall (by level code)."""
        if previous is None:
            return self
        before = {level.code: level for level in previous.levels}
        levels = tuple(
            replace(level, previous=_figures(before[level.code])) if level.code in before else level
            for level in self.levels
        )
        return replace(
            self,
            levels=levels,
            overall=replace(self.overall, previous=_figures(previous.overall)),
            previous_as_at=previous.as_at,
        )


def _figures(sums) -> Figures:
    return Figures(needed=sums.needed, trained=sums.trained)


def coverage_calculate(
    *, levels: list[LevelInput], groups: list[GroupInput], as_at: date | None = None
) -> Coverage:
    """Coverage per level (in the order given), per group and overall. Needs for a level
    not in `levels` (retired from the framework) are left out."""
    needed = {level.code: 0 for level in levels}
    trained = dict(needed)
    group_counts = dict(needed)
    for group in groups:
        for need in group.needs:
            if need.level_code in needed:
                needed[need.level_code] += group.headcount
                trained[need.level_code] += need.trained
                group_counts[need.level_code] += 1
    level_coverage = {
        level.code: LevelCoverage(
            code=level.code,
            name_en=level.name_en,
            name_cy=level.name_cy,
            needed=needed[level.code],
            trained=trained[level.code],
            group_count=group_counts[level.code],
            id=level.id,
        )
        for level in levels
    }
    order = {level.code: n for n, level in enumerate(levels)}
    group_coverage = tuple(
        GroupCoverage(
            name=group.name,
            description=group.description,
            headcount=group.headcount,
            id=group.id,
            needs=tuple(
                NeedCoverage(
                    level=level_coverage[need.level_code],
                    needed=group.headcount,
                    trained=need.trained,
                    counted_on=need.counted_on,
                )
                for need in sorted(
                    (n for n in group.needs if n.level_code in level_coverage),
                    key=lambda n: order[n.level_code],
                )
            ),
        )
        for group in groups
    )
    return Coverage(
        levels=tuple(level_coverage.values()),
        groups=group_coverage,
        overall=Figures(needed=sum(needed.values()), trained=sum(trained.values())),
        as_at=as_at,
    )


def coverage_to_json(*, levels: list[LevelInput], groups: list[GroupInput]) -> dict:
    """The inputs of a calculation as JSON, for a snapshot (database ids are left out)."""
    return {
        "version": JSON_VERSION,
        "levels": [
            {"code": level.code, "name_en": level.name_en, "name_cy": level.name_cy}
            for level in levels
        ],
        "groups": [
            {
                "name": group.name,
                "description": group.description,
                "headcount": group.headcount,
                "needs": [
                    {
                        "level": need.level_code,
                        "trained": need.trained,
                        "counted_on": need.counted_on.isoformat() if need.counted_on else None,
                    }
                    for need in group.needs
                ],
            }
            for group in groups
        ],
    }


def coverage_from_json(figures: dict, *, as_at: date | None = None) -> Coverage:
    levels = [
        LevelInput(code=level["code"], name_en=level["name_en"], name_cy=level.get("name_cy", ""))
        for level in figures.get("levels", [])
    ]
    groups = [
        GroupInput(
            name=group["name"],
            description=group.get("description", ""),
            headcount=group["headcount"],
            needs=tuple(
                NeedInput(
                    level_code=need["level"],
                    trained=need["trained"],
                    counted_on=date.fromisoformat(need["counted_on"])
                    if need.get("counted_on")
                    else None,
                )
                for need in group.get("needs", [])
            ),
        )
        for group in figures.get("groups", [])
    ]
    return coverage_calculate(levels=levels, groups=groups, as_at=as_at)


@dataclass(frozen=True)
class CoverageInputs:
    """What a calculation needs, as read from the database (see selectors)."""

    levels: list[LevelInput]
    groups: list[GroupInput]

    def calculate(self, *, as_at: date | None = None) -> Coverage:
        return coverage_calculate(levels=self.levels, groups=self.groups, as_at=as_at)

    def to_json(self) -> dict:
        return coverage_to_json(levels=self.levels, groups=self.groups)
