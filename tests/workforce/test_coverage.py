"""Coverage arithmetic against figures worked out by hand: per level, overall, gaps by
group, zero headcounts, groups needing several levels, rounding, comparison with a
previous snapshot and the round trip through a snapshot's JSON."""

from datetime import date

from workforce.coverage import (
    GroupInput,
    LevelInput,
    NeedInput,
    coverage_calculate,
    coverage_from_json,
    coverage_to_json,
)

LEVELS = [
    LevelInput("aware", "Trauma-aware", "Ymwybodol o drawma"),
    LevelInput("skilled", "Trauma-skilled"),
    LevelInput("enhanced", "Trauma-enhanced"),
    LevelInput("specialist", "Specialist interventions"),
]


def group(name, headcount, **trained) -> GroupInput:
    return GroupInput(
        name=name,
        headcount=headcount,
        needs=tuple(
            NeedInput(level_code=code, trained=number, counted_on=date(2026, 3, 1))
            for code, number in trained.items()
        ),
    )


# Worked by hand:
#   aware      10 + 20 + 0      = 30 need, 8 + 20 + 0 = 28 trained -> 93.3% -> 93%
#   skilled    10 + 20          = 30 need, 3 + 5      =  8 trained -> 26.7% -> 27%
#   enhanced   20 + 0           = 20 need, 2 + 0      =  2 trained -> 10%
#   specialist 1                =  1 need, 0          =  0 trained -> 0%
#   overall    30 + 30 + 20 + 1 = 81 needs, 28 + 8 + 2 + 0 = 38 met -> 46.9% -> 47%
GROUPS = [
    group("Reception", 10, aware=8, skilled=3),
    group("Housing officers", 20, aware=20, skilled=5, enhanced=2),
    group("New outreach team", 0, aware=0, enhanced=0),  # still being recruited
    group("Counsellor", 1, specialist=0),
]


def by_code(coverage):
    return {level.code: level for level in coverage.levels}


def test_each_level_counts_the_people_in_every_group_that_needs_it():
    levels = by_code(coverage_calculate(levels=LEVELS, groups=GROUPS))
    figures = {
        code: (lvl.needed, lvl.trained, lvl.percentage, lvl.still_to_train, lvl.group_count)
        for code, lvl in levels.items()
    }
    assert figures == {
        "aware": (30, 28, 93, 2, 3),
        "skilled": (30, 8, 27, 22, 2),
        "enhanced": (20, 2, 10, 18, 2),
        "specialist": (1, 0, 0, 1, 1),
    }


def test_overall_counts_every_level_a_group_needs():
    coverage = coverage_calculate(levels=LEVELS, groups=GROUPS)
    assert (coverage.overall.needed, coverage.overall.trained) == (81, 38)
    assert coverage.overall.percentage == 47
    assert coverage.overall.still_to_train == 43
    assert coverage.headcount == 31


def test_gaps_by_group_leave_out_levels_with_everyone_trained_and_empty_groups():
    coverage = coverage_calculate(levels=LEVELS, groups=GROUPS)
    gaps = [(g.name, need.level.code, need.still_to_train) for g, need in coverage.gaps]
    assert gaps == [
        ("Reception", "aware", 2),
        ("Reception", "skilled", 7),
        ("Housing officers", "skilled", 15),
        ("Housing officers", "enhanced", 18),
        ("Counsellor", "specialist", 1),
    ]


def test_a_group_with_several_levels_gets_a_figure_for_each_in_framework_order():
    mixed = group("Managers", 8, enhanced=2, aware=8, skilled=4)
    (coverage_group,) = coverage_calculate(levels=LEVELS, groups=[mixed]).groups
    assert [(n.level.code, n.needed, n.trained, n.percentage) for n in coverage_group.needs] == [
        ("aware", 8, 8, 100),
        ("skilled", 8, 4, 50),
        ("enhanced", 8, 2, 25),
    ]


def test_zero_headcount_and_no_groups_give_no_percentage_rather_than_an_error():
    only_empty = coverage_calculate(levels=LEVELS, groups=[group("Vacant", 0, aware=0)])
    assert by_code(only_empty)["aware"].needed == 0
    assert by_code(only_empty)["aware"].percentage is None
    assert only_empty.overall.percentage is None
    assert only_empty.gaps == []
    nothing = coverage_calculate(levels=LEVELS, groups=[])
    assert [lvl.percentage for lvl in nothing.levels] == [None] * 4
    assert nothing.overall.percentage is None
    assert nothing.headcount == 0


def test_percentages_round_half_up():
    # 1 of 8 is 12.5% -> 13; 5 of 8 is 62.5% -> 63 (Python's round() would give 12 and 62)
    coverage = coverage_calculate(
        levels=LEVELS, groups=[group("A", 8, aware=1), group("B", 8, skilled=5)]
    )
    assert by_code(coverage)["aware"].percentage == 13
    assert by_code(coverage)["skilled"].percentage == 63
    assert coverage.overall.percentage == 38  # 6 of 16 = 37.5%


def test_needs_for_a_level_no_longer_in_the_framework_are_left_out():
    coverage = coverage_calculate(
        levels=LEVELS[:1], groups=[group("Reception", 10, aware=5, skilled=10)]
    )
    assert [lvl.code for lvl in coverage.levels] == ["aware"]
    assert (coverage.overall.needed, coverage.overall.trained) == (10, 5)
    assert [n.level.code for n in coverage.groups[0].needs] == ["aware"]


def test_change_since_the_previous_snapshot_is_in_percentage_points_per_level_and_overall():
    before = coverage_calculate(
        levels=LEVELS[:2],
        groups=[group("Reception", 10, aware=4, skilled=1)],
        as_at=date(2025, 10, 1),
    )
    now = coverage_calculate(levels=LEVELS, groups=GROUPS, as_at=date(2026, 3, 1)).compared_with(
        before
    )
    levels = by_code(now)
    assert levels["aware"].previous.percentage == 40
    assert levels["aware"].change == 53  # 93 - 40
    assert levels["skilled"].change == 17  # 27 - 10
    assert levels["enhanced"].previous is None  # not in the earlier snapshot
    assert levels["enhanced"].change is None
    assert now.overall.previous.percentage == 25  # 5 of 20
    assert now.overall.change == 22  # 47 - 25
    assert (now.as_at, now.previous_as_at) == (date(2026, 3, 1), date(2025, 10, 1))
    assert now.has_previous


def test_no_change_is_shown_against_a_snapshot_that_had_nothing_to_count():
    before = coverage_calculate(levels=LEVELS, groups=[], as_at=date(2025, 10, 1))
    now = coverage_calculate(levels=LEVELS, groups=GROUPS).compared_with(before)
    assert now.overall.previous.percentage is None
    assert now.overall.change is None


def test_a_snapshot_gives_back_the_same_figures_and_welsh_names():
    stored = coverage_to_json(levels=LEVELS, groups=GROUPS)
    again = coverage_from_json(stored, as_at=date(2026, 3, 1))
    original = coverage_calculate(levels=LEVELS, groups=GROUPS)
    assert [(lvl.code, lvl.needed, lvl.trained) for lvl in again.levels] == [
        (lvl.code, lvl.needed, lvl.trained) for lvl in original.levels
    ]
    assert again.overall == original.overall
    assert again.groups[0].needs[0].counted_on == date(2026, 3, 1)
    assert again.levels[0].name_cy == "Ymwybodol o drawma"
    assert again.as_at == date(2026, 3, 1)
