"""Action plan downloads: a CSV file and an Excel workbook with the same columns.

Organisations copy their plan into board papers and partner spreadsheets, so the
download starts with the framework's five template columns (action, responsibility,
timescale, resources, outcome) and then adds the service's own tags. Both formats are
built from one declarative list of columns, so they can never drift apart.

A plan is written by people inside an organisation and opened by others in a
spreadsheet program, so every text cell is neutralised against formula injection
(OWASP "CSV injection", trauma_wales.spreadsheets): a value that a spreadsheet would run
as a formula gets a leading single quote.
"""

import csv
import io
from collections.abc import Callable
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from action_plans.formatting import action_responsibility, action_timescale
from action_plans.models import Action, ActionPlan
from action_plans.selectors import plan_actions
from trauma_wales.spreadsheets import cell_neutralise
from trauma_wales.templatetags.app_tags import govuk_date

LIST_SEPARATOR = "; "


def _status(action: Action) -> str:
    label = action.get_delivery_status_display()
    if action.is_overdue:
        return gettext("%(status)s (overdue)") % {"status": label}
    return str(label)


def _principles(action: Action) -> str:
    return LIST_SEPARATOR.join(str(p.name) for p in action.principles.all())


def _progress(action: Action) -> str:
    # Prefetched newest first by `plan_actions`, so the first is the latest.
    updates = list(action.progress_updates.all())
    if not updates:
        return ""
    latest = updates[0]
    return gettext("%(date)s: %(note)s") % {
        "date": govuk_date(latest.recorded_on),
        "note": latest.note,
    }


class ExportColumn(NamedTuple):
    heading: Promise
    value: Callable[[Action], object]
    width: int  # in Excel character widths


# The framework's five template columns first, in the framework's order; then our tags.
COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn(_("Action"), lambda a: a.description, 50),
    ExportColumn(_("Responsibility"), lambda a: action_responsibility(a, LIST_SEPARATOR), 25),
    ExportColumn(_("Timescale for completion"), action_timescale, 24),
    ExportColumn(_("Resources required"), lambda a: a.resources, 35),
    ExportColumn(_("Outcome"), lambda a: a.outcome, 45),
    ExportColumn(_("Status"), _status, 18),
    ExportColumn(_("Domain area"), lambda a: a.domain.name, 25),
    ExportColumn(_("Principles"), _principles, 30),
    ExportColumn(_("Priority"), lambda a: a.get_priority_display(), 10),
    ExportColumn(_("Progress"), _progress, 45),
)


def plan_export_rows(*, plan: ActionPlan) -> list[list[str]]:
    """The heading row, then one row per action (in the plan page's order: overdue first),
    every cell neutralised text."""
    header = [cell_neutralise(column.heading) for column in COLUMNS]
    rows = [
        [cell_neutralise(column.value(action)) for column in COLUMNS]
        for action in plan_actions(plan=plan)
    ]
    return [header, *rows]


def plan_csv(*, plan: ActionPlan) -> bytes:
    """The plan as CSV, UTF-8 with a byte order mark so Excel reads Welsh letters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(plan_export_rows(plan=plan))
    return buffer.getvalue().encode("utf-8-sig")


def plan_xlsx(*, plan: ActionPlan) -> bytes:
    """The plan as an Excel workbook: one sheet, a bold frozen heading row, wrapped text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Action plan")
    workbook.properties.title = plan.title
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in plan_export_rows(plan=plan):
        # Control characters are not allowed in the file format; drop them.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value) for value in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.data_type = "s"  # text, never a formula
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
