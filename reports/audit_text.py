"""How a board report download reads on an organisation's history page
(trauma_wales.audit_text)."""

from django.utils.translation import gettext_lazy as _

from reports.forms import LANGUAGE_CHOICES
from reports.selectors import FULL, SUMMARY
from trauma_wales.audit_text import EntryText, describe_actions, quoted, sentence

# Whole phrases with their article, so each language can choose its own ("yr adroddiad").
VERSIONS = {SUMMARY: _("the board summary"), FULL: _("the full report")}


def _downloaded(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Downloaded %(version)s for %(cycle)s (%(language)s)"),
            version=VERSIONS.get(details["version"], details["version"]),
            cycle=quoted(details["cycle"]),
            language=dict(LANGUAGE_CHOICES).get(details["language"], details["language"]),
        )
    )


def _data_downloaded(details, names) -> EntryText:
    return EntryText(sentence(_("Downloaded all the organisation's information (JSON)")))


def register() -> None:
    describe_actions(
        "downloads",
        {"report.downloaded": _downloaded, "organisation.data_downloaded": _data_downloaded},
    )
