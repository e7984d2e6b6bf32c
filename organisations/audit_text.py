"""How the organisation's own audit entries read on its history page: its details, its
members and invitations, and downloads of the history (trauma_wales.audit_text)."""

from functools import cache

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from organisations.models import Area, Sector, SizeBand
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
from trauma_wales.former_members import person_named
from trauma_wales.permissions import Role

ORGANISATION, MEMBERS, DOWNLOADS = "organisation", "members", "downloads"


@cache
def _area_names() -> dict[str, tuple[str, str]]:
    """Each area's code with its English and Welsh names (reference data: read once)."""
    return {
        code: (en, cy) for code, en, cy in Area.objects.values_list("code", "name_en", "name_cy")
    }


def area_label(code: str) -> str:
    en, cy = _area_names().get(code, (code, code))
    return cy if get_language() == "cy" else en


ORGANISATION_FIELDS = {
    "name": FieldText(_("Changed the name from %(old)s to %(new)s")),
    "sector": FieldText(
        _("Changed the sector from %(old)s to %(new)s"), labelled(choice_labels(Sector))
    ),
    "size_band": FieldText(
        _("Changed the size from %(old)s to %(new)s"), labelled(choice_labels(SizeBand))
    ),
    "areas": FieldText(
        _("Changed the areas it works in from %(old)s to %(new)s"), labelled(area_label)
    ),
}


def role_name(role: str) -> str:
    """A role as it reads inside a sentence: "lead", "board member"."""
    return str(choice_labels(Role)(role)).lower()


def _registered(details, names) -> EntryText:
    return EntryText(
        sentence(_("Registered the organisation %(name)s"), name=quoted(details["name"]))
    )


def _updated(details, names) -> EntryText:
    return EntryText(
        sentence(_("Changed the organisation's details")),
        change_lines(details["changed"], ORGANISATION_FIELDS),
    )


def _deleted(details, names) -> EntryText:
    if details.get("asked_for"):
        return EntryText(
            sentence(
                _("Deleted the organisation %(name)s, as a lead had asked"),
                name=quoted(details["name"]),
            )
        )
    return EntryText(sentence(_("Deleted the organisation %(name)s"), name=quoted(details["name"])))


def _deletion_requested(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Asked for the organisation to be deleted on %(date)s"),
            date=shown(details["due_on"]),
        )
    )


def _kept(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Kept the organisation, which was due to be deleted on %(date)s"),
            date=shown(details["due_on"]),
        )
    )


def _member_added(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Added %(member)s as %(role)s"),
            member=person_named(details["member"]),
            role=role_name(details["role"]),
        )
    )


def _role_changed(details, names) -> EntryText:
    old, new = details["changed"]["role"]
    return EntryText(
        sentence(
            _("Changed the role of %(member)s from %(old)s to %(new)s"),
            member=person_named(details["member"]),
            old=role_name(old),
            new=role_name(new),
        )
    )


def _member_removed(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Removed %(member)s (%(role)s) from the organisation"),
            member=person_named(details["member"]),
            role=role_name(details["role"]),
        )
    )


def _member_left(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Closed their account and left the organisation (%(role)s)"),
            role=role_name(details["role"]),
        )
    )


def _invited(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Invited %(email)s to join as %(role)s"),
            email=person_named(details["email"]),
            role=role_name(details["role"]),
        )
    )


def _accepted(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Accepted an invitation and joined as %(role)s"), role=role_name(details["role"])
        )
    )


def _withdrawn(details, names) -> EntryText:
    return EntryText(
        sentence(_("Withdrew the invitation to %(email)s"), email=person_named(details["email"]))
    )


def _history_exported(details, names) -> EntryText:
    return EntryText(sentence(_("Downloaded the history of changes (CSV)")))


def register() -> None:
    add_audit_kind(AuditKind(ORGANISATION, _("Organisation details"), 10))
    add_audit_kind(AuditKind(MEMBERS, _("Members and invitations"), 20))
    add_audit_kind(AuditKind(DOWNLOADS, _("Downloads"), 90))
    describe_actions(
        ORGANISATION,
        {
            "organisation.registered": _registered,
            "organisation.updated": _updated,
            "organisation.deleted": _deleted,
            "organisation.deletion_requested": _deletion_requested,
            "organisation.kept": _kept,
        },
    )
    describe_actions(
        MEMBERS,
        {
            "membership.added": _member_added,
            "membership.role_changed": _role_changed,
            "membership.removed": _member_removed,
            "membership.left": _member_left,
            "invitation.created": _invited,
            "invitation.accepted": _accepted,
            "invitation.revoked": _withdrawn,
        },
    )
    describe_actions(DOWNLOADS, {"history.exported": _history_exported})
