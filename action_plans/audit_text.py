"""How action plan entries read on an organisation's history page: the plan, its review
steps, actions, progress, comments, suggestions set aside and downloads
(trauma_wales.audit_text)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from action_plans.models import DeliveryStatus, PlanStatus, Priority
from trauma_wales.audit_text import (
    AuditKind,
    EntryText,
    FieldText,
    add_audit_kind,
    change_lines,
    choice_labels,
    describe_actions,
    labelled,
    quoted,
    sentence,
    shown,
)

PLAN = "plan"
DOWNLOADS = "downloads"  # the kind organisations registers

# The review step a plan took, by the status it moved to (plan_move records plan.<status>).
PLAN_STEPS: dict[str, Promise] = {
    PlanStatus.IN_REVIEW: _("Sent the plan %(plan)s for review"),
    PlanStatus.APPROVED: _("Approved the plan %(plan)s"),
    PlanStatus.CHANGES_REQUESTED: _("Asked for changes to the plan %(plan)s"),
    PlanStatus.DRAFT: _("Started a revision of the plan %(plan)s"),
}
FORMATS = {"csv": _("CSV"), "xlsx": _("Excel workbook")}


def _named(kind: str, names):
    return labelled(lambda code: names(kind, code))


def _action_fields(names) -> dict[str, FieldText]:
    return {
        "description": FieldText(_("Changed the action from %(old)s to %(new)s")),
        "responsible_member": FieldText(_("Changed who is responsible from %(old)s to %(new)s")),
        "responsible_other": FieldText(
            _("Changed the responsible team or partner from %(old)s to %(new)s")
        ),
        "start_date": FieldText(_("Changed the start date from %(old)s to %(new)s")),
        "target_date": FieldText(_("Changed the target date from %(old)s to %(new)s")),
        "resources": FieldText(_("Changed the resources required from %(old)s to %(new)s")),
        "outcome": FieldText(_("Changed the outcome from %(old)s to %(new)s")),
        "domain": FieldText(
            _("Changed the domain area from %(old)s to %(new)s"), _named("domain", names)
        ),
        "priority": FieldText(
            _("Changed the priority from %(old)s to %(new)s"), labelled(choice_labels(Priority))
        ),
        "principles": FieldText(
            _("Changed the principles from %(old)s to %(new)s"), _named("principle", names)
        ),
        "practice_levels": FieldText(
            _("Changed the practice levels from %(old)s to %(new)s"),
            _named("practice_level", names),
        ),
        "ways_of_working": FieldText(
            _("Changed the ways of working from %(old)s to %(new)s"),
            _named("way_of_working", names),
        ),
        "indicators": FieldText(
            _("Changed the indicators from %(old)s to %(new)s"), _named("indicator", names)
        ),
    }


STATUS_FIELDS = {
    "status": FieldText(
        _("Changed the status from %(old)s to %(new)s"), labelled(choice_labels(DeliveryStatus))
    )
}


def _plan_created(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Created the action plan %(plan)s, for %(start)s to %(end)s"),
            plan=quoted(details["plan"]),
            start=shown(details["period_start"]),
            end=shown(details["period_end"]),
        )
    )


def _plan_step(status: str):
    def describe(details, names) -> EntryText:
        return EntryText(sentence(PLAN_STEPS[status], plan=quoted(details["plan"])))

    return describe


def _commented(details, names) -> EntryText:
    if details.get("action"):
        summary = sentence(
            _("Commented on the action %(action)s"), action=quoted(details["action"])
        )
    else:
        summary = sentence(_("Commented on the plan %(plan)s"), plan=quoted(details["plan"]))
    return EntryText(summary, (sentence(_("Comment: %(text)s"), text=quoted(details["comment"])),))


def _action_created(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Added the action %(action)s, due by %(date)s"),
            action=quoted(details["action"]),
            date=shown(details["target_date"]),
        )
    )


def _action_updated(details, names) -> EntryText:
    return EntryText(
        sentence(_("Changed the action %(action)s"), action=quoted(details["action"])),
        change_lines(details["changed"], _action_fields(names)),
    )


def _action_deleted(details, names) -> EntryText:
    return EntryText(sentence(_("Removed the action %(action)s"), action=quoted(details["action"])))


def _progress(details, names) -> EntryText:
    lines = [*change_lines(details["changed"], STATUS_FIELDS)]
    if details.get("note"):
        lines.append(sentence(_("Note: %(text)s"), text=quoted(details["note"])))
    return EntryText(
        sentence(
            _("Recorded progress on the action %(action)s, on %(date)s"),
            action=quoted(details["action"]),
            date=shown(details["recorded_on"]),
        ),
        tuple(lines),
    )


def _gap_dismissed(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Set aside the suggestion from %(question)s"),
            question=names("indicator", details["indicator"]),
        ),
        (sentence(_("Reason: %(reason)s"), reason=quoted(details["reason"])),),
    )


def _exported(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Downloaded the plan %(plan)s as %(format)s"),
            plan=quoted(details["plan"]),
            format=FORMATS.get(details["format"], details["format"]),
        )
    )


def register() -> None:
    add_audit_kind(AuditKind(PLAN, _("Action plan"), 60))
    describe_actions(
        PLAN,
        {
            "plan.created": _plan_created,
            **{f"plan.{status}": _plan_step(status) for status in PLAN_STEPS},
            "plan.commented": _commented,
            "action.created": _action_created,
            "action.updated": _action_updated,
            "action.deleted": _action_deleted,
            "action.progress": _progress,
            "gap.dismissed": _gap_dismissed,
        },
    )
    describe_actions(DOWNLOADS, {"plan.exported": _exported})
