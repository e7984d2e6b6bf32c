"""How network entries read on an organisation's history page (trauma_wales.audit_text):
invitations, joining, what is shared, leaving, case studies; and for platform staff,
creating a network and naming its coordinators. Entries keep the network's names as they
were, in both languages."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from trauma_wales.audit_text import (
    AuditKind,
    EntryText,
    FlagText,
    add_audit_kind,
    change_lines,
    describe_actions,
    quoted,
    sentence,
)

NETWORKS = "networks"

SHARING = {
    "figures": FlagText(
        _("Began sharing its figures, without its name"), _("Stopped sharing its figures")
    ),
    "name": FlagText(
        _("Began showing its name beside its progress"), _("Stopped showing its name")
    ),
}


def _network(details) -> str:
    welsh = get_language() == "cy" and details.get("name_cy")
    return quoted(details["name_cy"] if welsh else details["name_en"])


def _what_is_shared(sharing) -> str:
    if sharing.get("figures") and sharing.get("name"):
        return str(_("its figures, and its name beside its progress"))
    if sharing.get("figures"):
        return str(_("its figures, without its name"))
    if sharing.get("name"):
        return str(_("its name beside its progress, and no figures"))
    return str(_("nothing"))


def _created(details, names) -> EntryText:
    return EntryText(sentence(_("Created the network %(network)s"), network=_network(details)))


def _coordinator_added(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Made %(person)s a coordinator of the network %(network)s"),
            person=quoted(details["person"]),
            network=_network(details),
        )
    )


def _invited(details, names) -> EntryText:
    return EntryText(
        sentence(_("Invited to join the network %(network)s"), network=_network(details))
    )


def _joined(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Joined the network %(network)s, sharing %(what)s"),
            network=_network(details),
            what=_what_is_shared(details["sharing"]),
        )
    )


def _declined(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Declined the invitation to join the network %(network)s"),
            network=_network(details),
        )
    )


def _sharing_changed(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Changed what is shared with the network %(network)s"), network=_network(details)
        ),
        change_lines(details["changed"], SHARING),
    )


def _left(details, names) -> EntryText:
    return EntryText(sentence(_("Left the network %(network)s"), network=_network(details)))


def _published(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Published the case study %(title)s to the network %(network)s"),
            title=quoted(details["title"]),
            network=_network(details),
        )
    )


def _highlighted(details, names) -> EntryText:
    text = (
        _("Highlighted the case study %(title)s in the network %(network)s")
        if details["highlighted"]
        else _("Stopped highlighting the case study %(title)s in the network %(network)s")
    )
    return EntryText(sentence(text, title=quoted(details["title"]), network=_network(details)))


def _figures_downloaded(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Downloaded the figures of the network %(network)s as CSV"),
            network=_network(details),
        )
    )


def register() -> None:
    add_audit_kind(AuditKind(NETWORKS, _("Networks"), 48))
    describe_actions(
        NETWORKS,
        {
            "network.created": _created,
            "network.coordinator_added": _coordinator_added,
            "network.invited": _invited,
            "network.joined": _joined,
            "network.declined": _declined,
            "network.sharing_changed": _sharing_changed,
            "network.left": _left,
            "case_study.published": _published,
            "case_study.highlighted": _highlighted,
        },
    )
    describe_actions("downloads", {"network.downloaded": _figures_downloaded})
