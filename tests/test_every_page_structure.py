"""Every page in the URLconf has one h1, headings that never skip a level, ids that are
unique, and nothing that takes focus as it loads.

Generated from the URLconf with the matrices' shared world (as tests/i18n/
test_every_page_in_welsh.py): a page added later is checked the day it exists. A heading
that skips a level (h1 then h3) loses the outline screen reader users move by; a repeated
id breaks labels, error summary links and aria references (WCAG 1.3.1, 4.1.2); a field
that takes focus on load skips the skip link and the page's heading (WCAG 2.4.3).
"""

import re
from html.parser import HTMLParser

import pytest

from tests.matrix.fixtures import world_fixture  # noqa: F401
from tests.matrix.forms import build_form, filled_in_forms
from tests.matrix.routes import page_routes, route_urls
from tests.matrix.world import COORDINATOR, SIGNED_OUT
from trauma_wales.permissions import Role

pytestmark = [pytest.mark.django_db, pytest.mark.database_independent]

HEADING = re.compile(r"^h([1-6])$")


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.levels: list[int] = []
        self.ids: list[str] = []
        self.autofocus: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = HEADING.match(tag)
        if found:
            self.levels.append(int(found[1]))
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)
            if name == "autofocus":
                self.autofocus.append(tag)


def problems(html: str) -> list[str]:
    outline = _Outline()
    outline.feed(html)
    found = []
    if outline.levels.count(1) != 1:
        found.append(f"{outline.levels.count(1)} h1")
    deepest = 1
    for level in outline.levels:
        if level > deepest + 1:
            found.append(f"h{level} after h{deepest}")
        deepest = level
    repeated = sorted({i for i in outline.ids if outline.ids.count(i) > 1})
    if repeated:
        found.append(f"repeated ids {repeated}")
    if outline.autofocus:
        found.append(f"autofocus on {outline.autofocus}")
    return found


def test_the_check_finds_what_it_is_for():
    assert problems("<h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2>") == []
    assert problems("<h1>a</h1><h3>b</h3>") == ["h3 after h1"]
    assert problems("<h2>a</h2>") == ["0 h1"]
    assert problems('<h1 id="x">a</h1><p id="x"></p>') == ["repeated ids ['x']"]
    assert problems("<h1>a</h1><input autofocus>") == ["autofocus on ['input']"]


def test_every_page_has_one_h1_an_unbroken_outline_and_unique_ids(world):
    wrong, checked = [], 0
    for route in page_routes():
        # Each role sees its own forms on an organisation's pages (a reviewer has the review
        # form and the comment form on one page); elsewhere, signed in or not.
        if route.is_organisation_page:
            readers = list(Role)
        else:
            readers = [COORDINATOR] if route.is_network_page else [Role.LEAD, SIGNED_OUT]
        for _label, url in route_urls(route, world):
            for who in readers:
                response = world.client(who).get(url, follow=True)
                if response.status_code != 200 or not response["Content-Type"].startswith(
                    "text/html"
                ):
                    continue
                checked += 1
                found = problems(response.content.decode())
                if found:
                    wrong.append(f"{response.request['PATH_INFO']} ({who}): {found}")
    assert not wrong, "\n".join(sorted(set(wrong)))
    assert checked > 40


def test_no_form_takes_focus_as_its_page_loads(world):
    """Pages reached only with a link from an email (a new password) are not in the
    crawl above: every form class is checked here, generated from the code."""
    focused = [
        f"{form_class.__qualname__}.{name}"
        for form_class in filled_in_forms()
        for name, field in build_form(form_class, world).fields.items()
        if "autofocus" in field.widget.attrs
    ]
    assert focused == []
