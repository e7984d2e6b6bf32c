"""A cycle's scores as CSV: the results page's tables in one sheet, for board papers and
for comparing with other years in a spreadsheet.

Built from the same selector as the results page and the board report, so the three say
the same. Every score comes with its counts, including what was answered "Not
applicable" (left out of the score). One row per domain area, practice principle, and
overall; then each indicator and readiness item answered "Not applicable", with the
reason given.
"""

import csv
import io

from django.utils.translation import gettext as _

from assessments.models import AssessmentCycle
from assessments.selectors.results import cycle_results
from assessments.selectors.scoring import Score
from trauma_wales.spreadsheets import cell_neutralise


def _number(value) -> str:
    return "" if value is None else str(value)


def _score_row(kind: str, score: Score) -> list[str]:
    previous = score.previous
    return [
        kind,
        str(score.name) if score.name else _("Overall"),
        _number(score.percentage),
        _number(score.average),
        str(score.answered),
        str(score.applicable),
        str(score.dont_know),
        str(score.not_applicable),
        str(score.unanswered),
        _number(previous.percentage if previous else None),
        _number(score.change),
        "",
    ]


def results_export_rows(*, cycle: AssessmentCycle) -> list[list[str]]:
    results = cycle_results(cycle=cycle)
    scores = results.scores
    header = [
        _("Kind"),
        _("Name"),
        _("Score (%)"),
        _("Average rating (0 to 4)"),
        _("Rated"),
        _("Indicators that apply"),
        _("Don't know"),
        _("Not applicable"),
        _("Not answered"),
        _("Previous score (%)"),
        _("Change (points)"),
        _("Why it does not apply"),
    ]
    rows = [_score_row(_("Overall"), scores.overall)]
    rows += [_score_row(_("Domain area"), score) for score in scores.domains]
    rows += [_score_row(_("Practice principle"), score) for score in scores.principles]
    blank = [""] * 9
    rows += [
        [_("Not applicable"), str(answer.indicator.text), *blank, str(answer.evidence)]
        for answer in results.not_applicable
    ]
    rows += [
        [_("Not applicable"), str(answer.item.text), *blank, str(answer.note)]
        for answer in results.readiness_not_applicable
    ]
    return [[cell_neutralise(cell) for cell in row] for row in [header, *rows]]


def results_csv(*, cycle: AssessmentCycle) -> bytes:
    """UTF-8 with a byte order mark, so Excel reads Welsh letters."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(results_export_rows(cycle=cycle))
    return buffer.getvalue().encode("utf-8-sig")
