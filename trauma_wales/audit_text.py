"""How audit entries read, in the reader's language.

An entry keeps codes and values, never sentences (trauma_wales.audit): the words are
chosen when it is shown, so a Welsh reader sees Welsh, and a better wording reaches old
entries too. Each app says how its own action codes read, in its AppConfig.ready:

- `add_audit_kind`: a kind a reader can filter by ("Action plan"), with its place;
- `describe_actions`: for each action code of a kind, a function from the entry's details
  to an `EntryText` (a sentence and, for an edit, one line per field that changed);
- `add_names`: the names of things entries mention by code (a domain area, a question),
  each kind loaded at most once per page (`Names`), so a page of 50 entries costs the
  same queries as a page of 5.

Lines are safe HTML: the sentence is escaped, and text a person typed is marked with its
language when it is not the page's (`typed`), as everywhere else. `as_text` turns a line
back into plain text for a download.
"""

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from trauma_wales.templatetags.app_tags import govuk_date, typed

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class EntryText:
    """What an entry says: one sentence, and for an edit one line per change."""

    summary: SafeString
    details: tuple[SafeString, ...] = ()


Describe = Callable[[Mapping[str, Any], "Names"], EntryText]


@dataclass(frozen=True)
class AuditKind:
    code: str
    label: Promise | str
    order: int


_kinds: dict[str, AuditKind] = {}
_actions: dict[str, tuple[str, Describe]] = {}  # action code -> (kind code, describe)
_name_loaders: dict[str, Callable[[], Mapping[str, str]]] = {}


def add_audit_kind(kind: AuditKind) -> None:
    _kinds[kind.code] = kind


def describe_actions(kind: str, descriptions: Mapping[str, Describe]) -> None:
    for action, describe in descriptions.items():
        _actions[action] = (kind, describe)


def add_names(kind: str, loader: Callable[[], Mapping[str, str]]) -> None:
    """`loader()` returns {code: name} for things of this kind, in the active language."""
    _name_loaders[kind] = loader


def audit_kinds() -> list[AuditKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.order)


def actions_of_kind(kind: str) -> list[str]:
    return sorted(action for action, (found, _describe) in _actions.items() if found == kind)


def described_actions() -> set[str]:
    return set(_actions)


def kind_label(action: str) -> str:
    kind = _kinds.get(_actions.get(action, ("", None))[0])
    return str(kind.label) if kind else ""


class Names:
    """Names of things by code, each kind loaded the first time a page asks for it."""

    def __init__(self):
        self._loaded: dict[str, Mapping[str, str]] = {}

    def __call__(self, kind: str, code: Any) -> str:
        if kind not in self._loaded:
            loader = _name_loaders.get(kind)
            self._loaded[kind] = loader() if loader else {}
        return str(self._loaded[kind].get(code, code))


def describe(action: str, details: Mapping[str, Any], names: Names) -> EntryText:
    found = _actions.get(action)
    if found is None:
        return EntryText(sentence(_("Made a change (%(code)s)"), code=action))
    try:
        return found[1](details, names)
    except (KeyError, TypeError, ValueError, AttributeError):
        # Details in an older shape than today's description expects: say what we can.
        return EntryText(sentence(_("Made a change (%(code)s)"), code=action))


# --- building sentences ------------------------------------------------------------------


def sentence(template: Promise | str, **values: Any) -> SafeString:
    """`template` (a translated sentence with %(name)s placeholders) with `values` put in,
    escaped unless already safe (a `quoted` text, a `shown` value)."""
    escaped = escape(str(template))
    return mark_safe(escaped % {key: conditional_escape(v) for key, v in values.items()})  # noqa: S308


def quoted(text: Any) -> SafeString:
    """Text a person typed, in quotation marks, marked with its language (`typed`)."""
    return format_html("“{}”", typed(str(text)))


def shown(value: Any) -> SafeString:
    """A value from an entry as a reader sees it: dates as "5 January 2026", yes or no,
    lists joined, typed text quoted, and "(blank)" for nothing."""
    if value is None or value == "" or value == []:
        return escape(gettext("(blank)"))
    if isinstance(value, bool):
        if value:
            return escape(pgettext("a yes or no value", "Yes"))
        return escape(pgettext("a yes or no value", "No"))
    if isinstance(value, int | float):
        return escape(str(value))
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return escape(govuk_date(date.fromisoformat(value)))
        except ValueError:
            return quoted(value)
    if isinstance(value, list):
        return mark_safe(", ".join(shown(item) for item in value))  # noqa: S308
    return quoted(value)


def labelled(labels: Callable[[Any], Any]) -> Callable[[Any], SafeString]:
    """A `show` for coded values (a role, a status, a domain's code): each by its label."""

    def show(value: Any) -> SafeString:
        if value is None or value == "" or value == []:
            return shown(value)
        if isinstance(value, list):
            return mark_safe(", ".join(show(item) for item in value))  # noqa: S308
        return escape(str(labels(value)))

    return show


def choice_labels(choices) -> Callable[[Any], Any]:
    """Labels of a Django `TextChoices` or `IntegerChoices`, the value itself if unknown."""
    labels = dict(choices.choices)
    return lambda value: labels.get(value, value)


@dataclass(frozen=True)
class FieldText:
    """How a change to one field reads: "Changed the target date from %(old)s to %(new)s"."""

    sentence: Promise | str
    show: Callable[[Any], SafeString] = shown


@dataclass(frozen=True)
class FlagText:
    """How a change to a yes-or-no field reads: one sentence for each way it went."""

    on: Promise | str
    off: Promise | str


def change_lines(
    changed: Mapping[str, Any], fields: Mapping[str, FieldText | FlagText], **context: Any
) -> tuple[SafeString, ...]:
    """One line per changed field, in the order `fields` names them; `context` fills any
    other placeholder in the sentences."""
    lines = []
    for name, field in fields.items():
        if name not in changed:
            continue
        old, new = changed[name]
        if isinstance(field, FlagText):
            lines.append(sentence(field.on if new else field.off, **context))
        else:
            lines.append(
                sentence(field.sentence, old=field.show(old), new=field.show(new), **context)
            )
    return tuple(lines)


def as_text(line: SafeString | str) -> str:
    """A line as plain text (for a download)."""
    return html.unescape(strip_tags(str(line)))


def joined(lines: Iterable[SafeString | str]) -> str:
    return "; ".join(as_text(line) for line in lines)
