"""How feedback round entries read on an organisation's history page
(trauma_wales.audit_text). Answers are anonymous and never recorded one by one."""

from django.utils.translation import gettext_lazy as _

from trauma_wales.audit_text import (
    AuditKind,
    EntryText,
    FieldText,
    add_audit_kind,
    change_lines,
    describe_actions,
    quoted,
    sentence,
    shown,
)
from voices.models import Audience, CommentDecision

FEEDBACK = "feedback"

ROUND_FIELDS: dict[str, FieldText] = {
    "closes_on": FieldText(_("Changed the closing date from %(old)s to %(new)s")),
    "max_responses": FieldText(_("Changed the most responses to accept from %(old)s to %(new)s")),
    "support_en": FieldText(_("Changed where to find support, in English")),
    "support_cy": FieldText(_("Changed where to find support, in Welsh")),
}


def _audience(details) -> str:
    code = details.get("audience", "")
    return str(Audience(code).label) if code in Audience.values else code


def _opened(details, names) -> EntryText:
    return EntryText(
        sentence(
            _(
                "Opened a feedback round asking %(audience)s about %(count)s statements, until "
                "%(date)s, for the assessment %(cycle)s"
            ),
            audience=_audience(details).lower(),
            count=details["statements"],
            date=shown(details["closes_on"]),
            cycle=quoted(details["cycle"]),
        )
    )


def _updated(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Changed the feedback round asking %(audience)s, for the assessment %(cycle)s"),
            audience=_audience(details).lower(),
            cycle=quoted(details["cycle"]),
        ),
        change_lines(details["changed"], ROUND_FIELDS),
    )


def _closed(details, names) -> EntryText:
    return EntryText(
        sentence(
            _(
                "Closed the feedback round asking %(audience)s, with %(count)s responses, for "
                "the assessment %(cycle)s"
            ),
            audience=_audience(details).lower(),
            count=details["responses"],
            cycle=quoted(details["cycle"]),
        )
    )


def _comment_decided(details, names) -> EntryText:
    text = (
        _("Included a comment from the feedback round asking %(audience)s, for %(cycle)s")
        if details["decision"] == CommentDecision.INCLUDED
        else _("Left out a comment from the feedback round asking %(audience)s, for %(cycle)s")
    )
    return EntryText(
        sentence(text, audience=_audience(details).lower(), cycle=quoted(details["cycle"]))
    )


def _exported(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Downloaded the figures of the feedback round asking %(audience)s as CSV"),
            audience=_audience(details).lower(),
        )
    )


def register() -> None:
    add_audit_kind(AuditKind(FEEDBACK, _("Feedback rounds"), 45))
    describe_actions(
        FEEDBACK,
        {
            "feedback_round.opened": _opened,
            "feedback_round.updated": _updated,
            "feedback_round.closed": _closed,
            "feedback_comment.decided": _comment_decided,
        },
    )
    describe_actions("downloads", {"feedback_round.exported": _exported})
