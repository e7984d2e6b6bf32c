"""Roles and what each role may do, in one place.

Views name the capability they need; `role_can` answers. Adding a feature means adding
a capability here and granting it to roles, never scattering role checks through views.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEAD = "lead", _("Lead")
    CONTRIBUTOR = "contributor", _("Contributor")
    REVIEWER = "reviewer", _("Reviewer")
    BOARD = "board", _("Board member")


ROLE_DESCRIPTIONS = {
    Role.LEAD: _("Runs assessments, builds the action plan and manages members."),
    Role.CONTRIBUTOR: _("Answers the assessments they are invited to and sees the results."),
    Role.REVIEWER: _("Reviews and approves the action plan and updates progress on actions."),
    Role.BOARD: _("Reads results, plans and reports, and downloads the board report."),
}


class Capability(StrEnum):
    VIEW_ORGANISATION = "view_organisation"
    VIEW_MEMBERS = "view_members"
    MANAGE_MEMBERS = "manage_members"
    EDIT_ORGANISATION = "edit_organisation"
    VIEW_HISTORY = "view_history"
    VIEW_ASSESSMENTS = "view_assessments"
    RUN_ASSESSMENT = "run_assessment"
    GIVE_VIEWS = "give_views"
    VIEW_RESULTS = "view_results"
    VIEW_PLAN = "view_plan"
    EDIT_PLAN = "edit_plan"
    REVIEW_PLAN = "review_plan"
    UPDATE_PROGRESS = "update_progress"
    COMMENT_ON_PLAN = "comment_on_plan"
    VIEW_WORKFORCE = "view_workforce"
    EDIT_WORKFORCE = "edit_workforce"
    VIEW_REPORT = "view_report"
    DOWNLOAD_REPORT = "download_report"
    EXPORT_ORGANISATION_DATA = "export_organisation_data"
    DELETE_ORGANISATION = "delete_organisation"
    RUN_FEEDBACK = "run_feedback"  # open feedback rounds, read their comments (voices)
    MANAGE_NETWORKS = "manage_networks"  # join and leave networks, say what is shared


EVERY_MEMBER = frozenset(
    {
        Capability.VIEW_ORGANISATION,
        Capability.VIEW_MEMBERS,
        Capability.VIEW_ASSESSMENTS,
        Capability.VIEW_RESULTS,
        Capability.VIEW_PLAN,
        Capability.VIEW_REPORT,
    }
)

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    # A lead does not approve their own plan: review is a second pair of eyes. Only leads
    # see the organisation's history of changes (VIEW_HISTORY): it names every member and
    # invitee and quotes what they typed, and leads answer for the organisation's data;
    # for the same reason only they download all of it (EXPORT_ORGANISATION_DATA) or ask
    # for it to be deleted (DELETE_ORGANISATION).
    Role.LEAD: frozenset(Capability) - {Capability.GIVE_VIEWS, Capability.REVIEW_PLAN},
    # Any member but a lead (who records the organisation's answers) can be asked for their
    # own views; they give them only on the cycles they are asked about (checked per
    # cycle). Contributors do not see workforce training figures: contributors may be
    # people with lived experience from outside the staff, and counts for a small staff
    # group can identify individuals.
    Role.CONTRIBUTOR: EVERY_MEMBER | {Capability.GIVE_VIEWS},
    Role.REVIEWER: EVERY_MEMBER
    | {
        Capability.GIVE_VIEWS,
        Capability.REVIEW_PLAN,
        Capability.UPDATE_PROGRESS,
        Capability.COMMENT_ON_PLAN,
        Capability.VIEW_WORKFORCE,
        Capability.DOWNLOAD_REPORT,
    },
    Role.BOARD: EVERY_MEMBER
    | {Capability.GIVE_VIEWS, Capability.VIEW_WORKFORCE, Capability.DOWNLOAD_REPORT},
}


def capabilities_for(role: str) -> frozenset[Capability]:
    return ROLE_CAPABILITIES.get(role, frozenset())


def role_can(role: str, capability: Capability) -> bool:
    return capability in capabilities_for(role)


def roles_with(capability: Capability) -> frozenset[str]:
    """Every role that has `capability` (to find who should hear about something)."""
    return frozenset(role for role, allowed in ROLE_CAPABILITIES.items() if capability in allowed)


class UnknownCapability(Exception):
    """A template asked about a capability that does not exist (a typo must not read as
    "no": Django templates would silently treat a missing name as false)."""


class Abilities:
    """What a role may do, for pages without a state of their own:
    `{% if can.edit_workforce %}`. Pages about a stateful thing render its policy's open
    steps instead."""

    def __init__(self, role: str):
        self._granted = capabilities_for(role)

    def __getattr__(self, name: str) -> bool:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return Capability(name) in self._granted
        except ValueError as unknown:
            raise UnknownCapability(name) from unknown
