"""How assessment entries read on an organisation's history page: cycles, targets and the
answers saved on both question pages (trauma_wales.audit_text)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments.models import Indicator, ReadinessItem, ReadinessValue, rating_label
from assessments.models.answers import READINESS_SECTION
from trauma_wales.audit_text import (
    AuditKind,
    EntryText,
    FieldText,
    FlagText,
    add_audit_kind,
    add_names,
    change_lines,
    choice_labels,
    describe_actions,
    labelled,
    quoted,
    sentence,
    shown,
)
from trauma_wales.former_members import person_named

ASSESSMENTS, ANSWERS = "assessments", "answers"

INDICATOR_FIELDS: dict[str, FieldText | FlagText] = {
    "score": FieldText(
        _("%(question)s: changed the rating from %(old)s to %(new)s"), labelled(rating_label)
    ),
    "dont_know": FlagText(
        _("%(question)s: answered “Don't know”"), _("%(question)s: no longer “Don't know”")
    ),
    "not_applicable": FlagText(
        _("%(question)s: answered “Not applicable”"),
        _("%(question)s: no longer “Not applicable”"),
    ),
    "evidence": FieldText(_("%(question)s: changed the evidence from %(old)s to %(new)s")),
    "priority": FlagText(
        _("%(question)s: marked as a priority for action"),
        _("%(question)s: no longer marked as a priority for action"),
    ),
}
READINESS_FIELDS: dict[str, FieldText | FlagText] = {
    "value": FieldText(
        _("%(question)s: changed the answer from %(old)s to %(new)s"),
        labelled(choice_labels(ReadinessValue)),
    ),
    "note": FieldText(_("%(question)s: changed the note from %(old)s to %(new)s")),
}

REFLECTION_TEXTS: dict[str, FieldText | FlagText] = {
    "proud": FieldText(_("Changed what we are proud of from %(old)s to %(new)s")),
    "learned": FieldText(_("Changed what we learned from %(old)s to %(new)s")),
    "heard": FieldText(
        _("Changed what people with lived experience told us from %(old)s to %(new)s")
    ),
}


def _numbered(items, section_of) -> dict[str, str]:
    """ "Question 3" for each item code, numbered as its page numbers it (newest version
    last, so it wins)."""
    names: dict[str, str] = {}
    counters: dict[tuple, int] = {}
    for item in items:
        key = (item.framework_id, section_of(item))
        counters[key] = counters.get(key, 0) + 1
        names[item.code] = gettext("Question %(number)s") % {"number": counters[key]}
    return names


def indicator_numbers() -> dict[str, str]:
    items = Indicator.objects.filter(is_active=True).order_by(
        "framework__published", "framework_id", "domain__order", "order"
    )
    return _numbered(items.only("code", "framework_id", "domain_id"), lambda i: i.domain_id)


def _named_by_page(items, page) -> dict[str, str]:
    """ "<page>, question 3" for each item code, where `page(item)` is the domain area or
    readiness theme whose page the item is on."""
    numbers = _numbered(items, lambda item: page(item).pk)
    return {
        item.code: gettext("%(domain)s, %(question)s")
        % {"domain": page(item).name, "question": numbers[item.code].lower()}
        for item in items
    }


def readiness_numbers() -> dict[str, str]:
    """ "A named lead and team, question 2": each readiness theme is a page of its own."""
    items = (
        ReadinessItem.objects.filter(is_active=True)
        .select_related("theme")
        .order_by("framework__published", "framework_id", "theme__order", "order")
    )
    return _named_by_page(items, lambda item: item.theme)


def indicator_names() -> dict[str, str]:
    """ "Leadership and governance, question 3" for each indicator code."""
    items = (
        Indicator.objects.filter(is_active=True)
        .select_related("domain")
        .order_by("framework__published", "framework_id", "domain__order", "order")
    )
    return _named_by_page(items, lambda item: item.domain)


def section_name(section: str, names) -> str:
    return gettext("Readiness") if section == READINESS_SECTION else names("domain", section)


def _started(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Started the assessment %(cycle)s, for %(start)s to %(end)s"),
            cycle=quoted(details["cycle"]),
            start=shown(details["period_start"]),
            end=shown(details["period_end"]),
        )
    )


def _submitted(details, names) -> EntryText:
    return EntryText(
        sentence(_("Submitted the assessment %(cycle)s"), cycle=quoted(details["cycle"]))
    )


def _reopened(details, names) -> EntryText:
    return EntryText(
        sentence(_("Reopened the assessment %(cycle)s"), cycle=quoted(details["cycle"])),
        (sentence(_("Reason: %(reason)s"), reason=quoted(details["reason"])),),
    )


def _contributor_invited(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Asked %(member)s for their views on the assessment %(cycle)s"),
            member=person_named(details["member"]),
            cycle=quoted(details["cycle"]),
        )
    )


def _contributor_finished(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Finished giving their views on the assessment %(cycle)s"),
            cycle=quoted(details["cycle"]),
        )
    )


def _views_naming_set(details, names) -> EntryText:
    summary = (
        _("Chose to show colleagues' views with their names on the assessment %(cycle)s")
        if details["named"]
        else _("Chose to keep colleagues' views anonymous on the assessment %(cycle)s")
    )
    return EntryText(sentence(summary, cycle=quoted(details["cycle"])))


def _targets_set(details, names) -> EntryText:
    level = labelled(rating_label)
    return EntryText(
        sentence(_("Changed the target levels for %(cycle)s"), cycle=quoted(details["cycle"])),
        tuple(
            sentence(
                _("%(domain)s: from %(old)s to %(new)s"),
                domain=names("domain", code),
                old=level(old),
                new=level(new),
            )
            for code, (old, new) in details["changed"].items()
        ),
    )


def _reflection_saved(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Saved reflections on %(domain)s in the assessment %(cycle)s"),
            domain=names("domain", details["domain"]),
            cycle=quoted(details["cycle"]),
        ),
        change_lines(details["changed"], REFLECTION_TEXTS),
    )


def _session_scheduled(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Recorded a session of the working group on %(date)s for the assessment %(cycle)s"),
            date=shown(details["held_on"]),
            cycle=quoted(details["cycle"]),
        )
    )


SESSION_FIELDS: dict[str, FieldText | FlagText] = {
    "held_on": FieldText(_("Changed the date from %(old)s to %(new)s")),
    "members": FieldText(_("Changed the members who took part from %(old)s to %(new)s")),
    "guests": FieldText(
        _("Changed how many people without an account took part from %(old)s to %(new)s")
    ),
    "guest_names": FieldText(_("Changed their names from %(old)s to %(new)s")),
}


def _session_updated(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Changed the record of the session on %(date)s for the assessment %(cycle)s"),
            date=shown(details["held_on"]),
            cycle=quoted(details["cycle"]),
        ),
        change_lines(details["changed"], SESSION_FIELDS),
    )


def _session_item_recorded(details, names) -> EntryText:
    question = names("indicator_number", details["indicator"])
    summary = (
        _("At the session on %(date)s, agreed %(question)s on %(section)s")
        if details["outcome"] == "agreed"
        else _("At the session on %(date)s, left %(question)s on %(section)s not agreed yet")
    )
    lines: list = []
    for code, changed in details["changed"].items():
        lines.extend(
            change_lines(changed, INDICATOR_FIELDS, question=names("indicator_number", code))
        )
    if details.get("reason"):
        lines.append(sentence(_("Why: %(reason)s"), reason=quoted(details["reason"])))
    return EntryText(
        sentence(
            summary,
            date=shown(details["held_on"]),
            question=question.lower(),
            section=section_name(details["section"], names),
        ),
        tuple(lines),
    )


def _results_exported(details, names) -> EntryText:
    return EntryText(
        sentence(
            _("Downloaded the scores of the assessment %(cycle)s as CSV"),
            cycle=quoted(details["cycle"]),
        )
    )


def _answers_saved(details, names) -> EntryText:
    section = details["section"]
    readiness = section == READINESS_SECTION
    summary = (
        _("Saved their own views on %(section)s in the assessment %(cycle)s")
        if details.get("contributor")
        else _("Saved answers on %(section)s in the assessment %(cycle)s")
    )
    fields = READINESS_FIELDS if readiness else INDICATOR_FIELDS
    numbers = "readiness_number" if readiness else "indicator_number"
    lines: list = []
    for code, changed in details["changed"].items():
        lines.extend(change_lines(changed, fields, question=names(numbers, code)))
    return EntryText(
        sentence(summary, section=section_name(section, names), cycle=quoted(details["cycle"])),
        tuple(lines),
    )


def register() -> None:
    add_names("indicator_number", indicator_numbers)
    add_names("readiness_number", readiness_numbers)
    add_names("indicator", indicator_names)
    add_audit_kind(AuditKind(ASSESSMENTS, _("Assessments"), 30))
    add_audit_kind(AuditKind(ANSWERS, _("Answers"), 40))
    describe_actions(
        ASSESSMENTS,
        {
            "cycle.started": _started,
            "cycle.submitted": _submitted,
            "cycle.reopened": _reopened,
            "cycle.contributor_invited": _contributor_invited,
            "cycle.contributor_finished": _contributor_finished,
            "cycle.targets_set": _targets_set,
            "cycle.views_naming_set": _views_naming_set,
            "reflection.saved": _reflection_saved,
            "session.scheduled": _session_scheduled,
            "session.updated": _session_updated,
        },
    )
    describe_actions("downloads", {"results.exported": _results_exported})
    describe_actions(
        ANSWERS,
        {"answers.saved": _answers_saved, "session.item_recorded": _session_item_recorded},
    )
