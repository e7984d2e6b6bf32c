"""How workforce entries read on an organisation's history page: staff groups and their
training figures (trauma_wales.audit_text)."""

from django.utils.translation import gettext_lazy as _

from trauma_wales.audit_text import (
    AuditKind,
    EntryText,
    FieldText,
    add_audit_kind,
    change_lines,
    describe_actions,
    labelled,
    quoted,
    sentence,
    shown,
)

WORKFORCE = "workforce"


def _group_fields(names) -> dict[str, FieldText]:
    return {
        "name": FieldText(_("Changed the name from %(old)s to %(new)s")),
        "description": FieldText(_("Changed the description from %(old)s to %(new)s")),
        "headcount": FieldText(_("Changed the number of people from %(old)s to %(new)s")),
        "levels": FieldText(
            _("Changed the practice levels the group needs from %(old)s to %(new)s"),
            labelled(lambda code: names("practice_level", code)),
        ),
    }


def _created(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Added the staff group %(name)s, with %(headcount)s people"),
            name=quoted(details["name"]),
            headcount=details["headcount"],
        )
    )


def _updated(details, names) -> EntryText:
    return EntryText(
        sentence(_("Changed the staff group %(name)s"), name=quoted(details["group"])),
        change_lines(details["changed"], _group_fields(names)),
    )


def _removed(details, names) -> EntryText:
    return EntryText(sentence(_("Removed the staff group %(name)s"), name=quoted(details["name"])))


def _training(details, names) -> EntryText:
    changed = dict(details["changed"])
    counted_on = changed.pop("counted_on", None)
    lines = [
        sentence(
            _("Trained to %(level)s: from %(old)s to %(new)s"),
            level=names("practice_level", code),
            old=shown(old),
            new=shown(new),
        )
        for code, (old, new) in changed.items()
    ]
    if counted_on is not None:
        lines.append(
            sentence(
                _("Changed the date of the count from %(old)s to %(new)s"),
                old=shown(counted_on[0]),
                new=shown(counted_on[1]),
            )
        )
    return EntryText(
        sentence(
            _("Recorded training figures for %(name)s, counted on %(date)s"),
            name=quoted(details["group"]),
            date=shown(details["counted_on"]),
        ),
        tuple(lines),
    )


def register() -> None:
    add_audit_kind(AuditKind(WORKFORCE, _("Workforce training"), 50))
    describe_actions(
        WORKFORCE,
        {
            "workforce.group_created": _created,
            "workforce.group_updated": _updated,
            "workforce.group_removed": _removed,
            "workforce.training_recorded": _training,
        },
    )
