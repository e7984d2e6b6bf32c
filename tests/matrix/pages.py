"""The forms each page actually shows, read from its HTML.

`page_forms(html, page_url)` returns every `<form>` with the path it sends to, its method
and its controls. `PageForm.data()` is what a browser sends as the page stands;
`PageForm.filled()` is that with every blank filled the way a person would (a name, an
email address, a strong password, a number, a past date; the first of a set of radios or
checkboxes nobody chose), so that changing one field reaches the code behind the form
rather than stopping at "Enter a name". These give the route sweep the fields no class
declares (`q12-rating`, `trained-3`, `domain-5`).
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

from django.utils import timezone

NOT_SENT = {"submit", "button", "reset", "image", "file"}
NOT_FUZZED = {"csrfmiddlewaretoken"}  # checked by middleware; the test client skips it
DATE_PART = re.compile(r"^(?P<date>.+)_(?P<part>[0-2])$")


@dataclass
class Control:
    name: str
    kind: str  # an input's type, "select", "textarea", "button", or "date-part"
    value: str = ""
    chosen: bool = True  # for radios, checkboxes and options: ticked or selected
    numeric: bool = False


@dataclass
class PageForm:
    action: str  # the path it sends to
    method: str  # "get" or "post"
    controls: list[Control] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Every named control, buttons included, once each."""
        return list(dict.fromkeys(c.name for c in self.controls))

    def data(self) -> dict[str, list[str]]:
        """What a browser sends for the form as the page shows it."""
        sent: dict[str, list[str]] = {}
        for control in self.controls:
            if control.kind in NOT_SENT or control.name in NOT_FUZZED or not control.chosen:
                continue
            sent.setdefault(control.name, []).append(control.value)
        return sent

    def filled(self) -> dict[str, list[str]]:
        """`data()` with the blanks filled as a person would."""
        sent = self.data()
        day = timezone.localdate() - timedelta(days=30)
        for control in self.controls:
            name = control.name
            if control.kind in NOT_SENT or name in NOT_FUZZED or sent.get(name, [""]) != [""]:
                continue
            if control.kind in {"radio", "checkbox"}:
                sent.setdefault(name, [control.value])  # the first one: nobody chose
            elif control.kind == "date-part":
                part = int(DATE_PART.match(name)["part"])
                sent[name] = [str((day.day, day.month, day.year)[part])]
            elif control.kind == "email":
                sent[name] = ["matrix-person@example.org"]
            elif control.kind == "password":
                sent[name] = ["Matrix-test-password-2026"]
            elif control.numeric or control.kind == "number":
                sent[name] = ["1"]
            elif control.kind in {"text", "textarea", "search"}:
                sent[name] = ["Filled in by the route sweep"]
        return sent


class _FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[PageForm] = []
        self.form: PageForm | None = None
        self.select: list[Control] | None = None  # the options of the open select
        self.select_name = ""
        self.textarea: Control | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urljoin(self.page_url, attrs.get("action") or self.page_url)
            method = (attrs.get("method") or "get").lower()
            self.form = PageForm(action=urlparse(action).path, method=method)
            self.forms.append(self.form)
            return
        name = attrs.get("name")
        if self.form is None:
            return
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if "govuk-date-input__input" in (attrs.get("class") or "") and DATE_PART.match(name):
                kind = "date-part"
            chosen = "checked" in attrs if kind in {"radio", "checkbox"} else True
            default = "on" if kind == "checkbox" else ""
            numeric = attrs.get("inputmode") == "numeric"
            value = attrs.get("value") or default
            self.form.controls.append(Control(name, kind, value, chosen, numeric))
        elif tag == "select" and name:
            self.select, self.select_name = [], name
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            self.select.append(Control(self.select_name, "select", value, "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea = Control(name, "textarea")
        elif tag == "button" and name:
            self.form.controls.append(Control(name, "button", attrs.get("value") or ""))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None and self.form is not None:
            options = self.select
            if options and not any(option.chosen for option in options):
                options[0].chosen = True  # a browser sends the first option
            self.form.controls.extend(options or [Control(self.select_name, "select", "")])
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            self.textarea.value = self.textarea.value.removeprefix("\n")
            self.form.controls.append(self.textarea)
            self.textarea = None


def page_forms(html: str, page_url: str) -> list[PageForm]:
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms


def field_shape(name: str) -> str:
    """Fields made from one pattern share a shape: `q12-rating` and `q13-rating` are
    `qN-rating`, `trained-3` is `trained-N`."""
    return re.sub(r"\d+", "N", name)


def date_part_shape(name: str) -> str:
    """A date input's day, month and year (`_0`, `_1`, `_2`: the same validator and the
    same `int()` read each) are one shape, `date_N`."""
    return re.sub(r"_[0-9]$", "_N", name)
