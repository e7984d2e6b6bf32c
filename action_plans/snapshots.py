"""What an approved plan looked like, and what a revision has changed since.

When a plan is approved its actions are stored as plain data (an `ApprovedVersion`);
a later revision is compared with that copy so reviewers see exactly what is new,
changed or removed before they approve again."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from action_plans.models import Action, ActionPlan, ApprovedVersion

COMPARED_FIELDS = {
    "description": _("Action"),
    "responsible": _("Responsibility"),
    "start_date": _("Start date"),
    "target_date": _("Target date"),
    "resources": _("Resources required"),
    "outcome": _("Outcome"),
    "domain": _("Domain area"),
    "priority": _("Priority"),
}


def action_snapshot(action: Action) -> dict:
    member = action.responsible_member
    return {
        "id": action.pk,
        "description": action.description,
        "responsible": ", ".join(
            part for part in (str(member.user) if member else "", action.responsible_other) if part
        ),
        "start_date": action.start_date.isoformat() if action.start_date else None,
        "target_date": action.target_date.isoformat(),
        "resources": action.resources,
        "outcome": action.outcome,
        "domain": action.domain.code,
        "priority": action.priority,
    }


def plan_snapshot(plan: ActionPlan) -> list[dict]:
    actions = plan.actions.select_related("domain", "responsible_member__user").order_by("pk")
    return [action_snapshot(a) for a in actions]


@dataclass
class ChangedAction:
    description: str
    fields: list  # labels of the columns that differ


@dataclass
class RevisionChanges:
    """Differences between the last approved version and the plan as it is now."""

    compared_with: ApprovedVersion
    added: list[str] = field(default_factory=list)
    changed: list[ChangedAction] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def compare(version: ApprovedVersion, now: list[dict]) -> RevisionChanges:
    before = {row["id"]: row for row in version.actions}
    after = {row["id"]: row for row in now}
    changes = RevisionChanges(compared_with=version)
    for action_id, row in after.items():
        old = before.get(action_id)
        if old is None:
            changes.added.append(row["description"])
            continue
        differing = [label for key, label in COMPARED_FIELDS.items() if old.get(key) != row[key]]
        if differing:
            changes.changed.append(ChangedAction(description=row["description"], fields=differing))
    changes.removed = [row["description"] for i, row in before.items() if i not in after]
    return changes
