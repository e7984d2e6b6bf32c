"""How a board report download, a download of the organisation's information and an
import of it from another copy of the service read on an organisation's history page
(trauma_wales.audit_text)."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from reports.forms import LANGUAGE_CHOICES
from reports.selectors import FULL, SUMMARY
from trauma_wales.audit_text import EntryText, describe_actions, quoted, sentence, shown

# Whole phrases with their article, so each language can choose its own ("yr adroddiad").
VERSIONS = {SUMMARY: _("the board summary"), FULL: _("the full report")}


def _downloaded(details, names) -> EntryText:
    wording = (
        _("Downloaded %(version)s for %(cycle)s (%(language)s), with how we compare")
        if details.get("comparison")
        else _("Downloaded %(version)s for %(cycle)s (%(language)s)")
    )
    return EntryText(
        sentence(
            wording,
            version=VERSIONS.get(details["version"], details["version"]),
            cycle=quoted(details["cycle"]),
            language=dict(LANGUAGE_CHOICES).get(details["language"], details["language"]),
        )
    )


def _data_downloaded(details, names) -> EntryText:
    return EntryText(sentence(_("Downloaded all the organisation's information (JSON)")))


def _imported(details, names) -> EntryText:
    return EntryText(
        sentence(
            _(
                "Imported the organisation's information from another copy of the service "
                "(%(name)s, downloaded on %(date)s)"
            ),
            name=quoted(details["name"]),
            date=shown(_local_day(details["exported_at"])),
        )
    )


def _local_day(moment: str) -> str:
    """The day of an ISO date and time where the service is (a download's time is UTC)."""
    parsed = parse_datetime(moment or "")
    if parsed is None or timezone.is_naive(parsed):
        return moment
    return timezone.localdate(parsed).isoformat()


def register() -> None:
    describe_actions(
        "downloads",
        {"report.downloaded": _downloaded, "organisation.data_downloaded": _data_downloaded},
    )
    describe_actions("organisation", {"organisation.imported": _imported})
