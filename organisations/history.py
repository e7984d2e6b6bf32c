"""Presenter for the history of changes: audit entries as a reader sees them.

An entry keeps codes and values; this turns a page of them into rows (when, who, what
kind, what happened and, for an edit, each change with its value before and after)
through the descriptions each app registers (trauma_wales.audit_text), and into the
CSV download. One `Names` per page or download, so fifty entries cost the same queries
as five.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trauma_wales.audit_text import Names, as_text, describe, joined, kind_label
from trauma_wales.former_members import person_named
from trauma_wales.models import AuditEntry
from trauma_wales.spreadsheets import cell_neutralise

NOBODY = _("The service")  # an entry with no person: a platform command, for example


@dataclass(frozen=True)
class HistoryRow:
    when: datetime
    who: str
    kind: str
    summary: SafeString
    details: tuple[SafeString, ...]
    code: str


def _who(entry: AuditEntry) -> str:
    if entry.actor_id is None:
        return entry.actor_name or str(NOBODY)
    return person_named(entry.actor_name, at_start=True)


def history_rows(entries: Iterable[AuditEntry]) -> list[HistoryRow]:
    names = Names()
    rows = []
    for entry in entries:
        text = describe(entry.action, entry.details, names)
        rows.append(
            HistoryRow(
                when=entry.created_at,
                who=_who(entry),
                kind=kind_label(entry.action),
                summary=text.summary,
                details=text.details,
                code=entry.action,
            )
        )
    return rows


CSV_HEADINGS = (
    _("Date and time"),
    _("Person"),
    _("Kind of change"),
    _("What happened"),
    _("Changes"),
    _("Code"),
)


def history_csv(entries: Iterable[AuditEntry]) -> bytes:
    """The entries as CSV (UTF-8 with a byte order mark, so Excel reads Welsh letters),
    every cell neutralised against formulas (trauma_wales.spreadsheets)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell_neutralise(gettext(str(heading))) for heading in CSV_HEADINGS])
    for row in history_rows(entries):
        writer.writerow(
            cell_neutralise(value)
            for value in (
                timezone.localtime(row.when).strftime("%Y-%m-%d %H:%M"),
                row.who,
                row.kind,
                as_text(row.summary),
                joined(row.details),
                row.code,
            )
        )
    return buffer.getvalue().encode("utf-8-sig")
