"""A network's figures as CSV, for a coordinator's own analysis: exactly what the page
shows (hidden cells stay hidden), one row per figure, with the date of the figures."""

import csv
import io

from django.utils.translation import gettext as _

from networks.selectors.figures import NetworkFigures

HIDDEN = "hidden: fewer than 5 organisations"


def _cell(cell) -> tuple[str, str]:
    if cell.hidden:
        return "", _(HIDDEN)
    return str(cell.count), "" if cell.average is None else str(cell.average)


def network_csv(*, figures: NetworkFigures) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Section"), _("Row"), _("Column"), _("Organisations"), _("Figure")])
    for row in figures.by_sector:
        writer.writerow([_("Members by sector"), row.label, "", row.count, ""])
    for row in figures.by_area:
        writer.writerow([_("Members by regional partnership board"), row.label, "", row.count, ""])
    for row in figures.stages:
        writer.writerow([_("How far members have got"), row.label, "", row.count, ""])
    for title, heatmap in (
        (_("Average score by sector (%)"), figures.sector_heatmap),
        (_("Average score by regional partnership board (%)"), figures.area_heatmap),
    ):
        for heat_row in heatmap.rows:
            writer.writerow([title, heat_row.domain, _("All members"), *_cell(heat_row.total)])
            for column, cell in zip(heatmap.columns, heat_row.cells, strict=True):
                writer.writerow([title, heat_row.domain, column.label, *_cell(cell)])
    for focus in figures.focus:
        writer.writerow(
            [
                _("Indicators most often chosen to focus on"),
                focus.text,
                focus.domain,
                focus.count,
                "",
            ]
        )
    for level in figures.training:
        figure = "" if level.percentage is None else f"{level.percentage}"
        writer.writerow(
            [_("Training coverage by practice level (%)"), level.level, "", level.organisations,
             figure if level.needed is not None else _(HIDDEN)]
        )  # fmt: skip
    if figures.as_of:
        writer.writerow([_("Newest submitted assessment"), figures.as_of.isoformat(), "", "", ""])
    return ("\ufeff" + out.getvalue()).encode()
