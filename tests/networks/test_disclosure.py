"""Disclosure control (networks.disclosure): no figure rests on fewer than 5
organisations, and no hidden figure can be worked out from the row's total and the
figures shown."""

import itertools

from networks.disclosure import HIDDEN, MIN_ORGANISATIONS, Sums, controlled_count, controlled_row


def sums(*scores: int) -> Sums:
    return Sums(len(scores), sum(scores))


def derivable(cells: dict, total: Sums) -> set:
    """Which hidden cells a reader could work out exactly: when the total is shown and
    exactly one cell that holds anyone is hidden, the total's sum less the others' is it."""
    shown, shown_total = controlled_row(cells, total)
    if shown_total.hidden:
        return set()
    hidden = [key for key, cell in shown.items() if cell.hidden and cells[key].count > 0]
    return set(hidden) if len(hidden) == 1 else set()


def test_a_cell_of_4_organisations_is_hidden_and_one_of_5_is_shown():
    cells = {"health": sums(40, 50, 60, 70), "housing": sums(20, 30, 40, 50, 60)}
    cells["education"] = sums(10, 20, 30, 40, 50)
    shown, total = controlled_row(cells, sum(cells.values(), Sums()))
    assert shown["health"] == HIDDEN
    assert (shown["housing"].count, shown["housing"].average) == (5, 40)
    assert not total.hidden and total.count == 14
    assert MIN_ORGANISATIONS == 5


def test_a_lone_hidden_cell_takes_the_smallest_shown_cell_with_it():
    cells = {
        "health": sums(90, 90),  # 2: hidden
        "housing": sums(*[40] * 6),  # the smallest other: hidden too
        "education": sums(*[50] * 9),
    }
    shown, total = controlled_row(cells, sum(cells.values(), Sums()))
    assert shown["health"].hidden and shown["housing"].hidden
    assert not shown["education"].hidden and not total.hidden
    # Only the two hidden cells' combined sum can be worked out, not either one.
    assert derivable(cells, sum(cells.values(), Sums())) == set()


def test_empty_cells_do_not_count_as_the_second_hidden_cell():
    cells = {"health": sums(10, 20), "housing": Sums(), "education": sums(*[50] * 7)}
    shown, total = controlled_row(cells, sum(cells.values(), Sums()))
    assert shown["health"].hidden and shown["education"].hidden and not total.hidden
    assert shown["housing"] == controlled_row({"x": Sums()}, sums(*[1] * 5))[0]["x"]


def test_when_nothing_else_can_be_hidden_the_total_is():
    """Groups may overlap (an organisation in two regions), so a total can rest on more
    organisations than the cells shown: with one hidden cell and no other to hide, the
    total goes."""
    cells = {"west": sums(10, 20, 30), "north": Sums()}
    shown, total = controlled_row(cells, sums(10, 20, 30, 40, 50, 60))
    assert shown["west"].hidden and total.hidden


def test_a_row_resting_on_fewer_than_5_is_hidden_whole():
    cells = {"health": sums(10, 20), "housing": sums(30, 40)}
    shown, total = controlled_row(cells, sum(cells.values(), Sums()))
    assert total.hidden and all(cell.hidden for cell in shown.values())


def test_no_hidden_cell_can_be_worked_out_from_the_total_in_any_row():
    """Every row of up to 4 groups of 0 to 7 organisations: none leaves a hidden cell
    that the total and the cells shown give away."""
    for counts in itertools.product(range(8), repeat=4):
        cells = {f"group {n}": sums(*[10 * (n + 1)] * c) for n, c in enumerate(counts)}
        total = sum(cells.values(), Sums())
        assert derivable(cells, total) == set(), counts
        shown, shown_total = controlled_row(cells, total)
        for cell in shown.values():
            if not cell.hidden and cell.count:
                assert cell.count >= MIN_ORGANISATIONS, counts
        if not shown_total.hidden:
            assert shown_total.count >= MIN_ORGANISATIONS


def test_a_count_that_says_something_is_shown_from_5():
    assert controlled_count(4) is None
    assert controlled_count(5) == 5
