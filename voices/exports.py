"""A feedback round's figures as CSV: each statement's counts, then each domain area's,
for a spreadsheet or another report. Figures resting on fewer than `MIN_GROUP` answers
are left empty, as on the page, and comments never leave this way."""

import csv
import io

from django.utils.translation import gettext as _

from trauma_wales.spreadsheets import cell_neutralise
from voices.models import Audience
from voices.selectors import RoundResults


def round_csv(*, results: RoundResults) -> bytes:
    feedback_round = results.feedback_round
    audience = str(Audience(feedback_round.audience).label)
    rows: list[list[str]] = [
        [
            _("Kind"),
            _("Statement or domain area"),
            _("Domain areas"),
            _("Principles"),
            _("Agree"),
            _("Not sure"),
            _("Disagree"),
            _("Prefer not to say"),
            _("Answered"),
            _("Agreed (in 10)"),
            _("Who we asked"),
        ]
    ]
    hidden = _("fewer than 5 answers")
    for result in results.statements:
        statement = result.statement
        counts = (
            [
                str(result.agree),
                str(result.not_sure),
                str(result.disagree),
                str(result.prefer_not),
                str(result.answered),
                str(result.agree_in_ten),
            ]
            if result.shown and results.shown
            else ["", "", "", "", hidden, ""]
        )
        rows.append(
            [
                _("Statement"),
                statement.text,
                "; ".join(d.name for d in statement.domains.all()),
                "; ".join(p.name for p in statement.principles.all()),
                *counts,
                audience,
            ]
        )
    for voice in results.domains:
        shown = voice.shown and results.shown
        rows.append(
            [
                _("Domain area"),
                voice.domain.name,
                "",
                "",
                str(voice.agree) if shown else "",
                "",
                "",
                "",
                str(voice.answered) if shown else hidden,
                str(voice.agree_in_ten) if shown else "",
                audience,
            ]
        )
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([cell_neutralise(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")
