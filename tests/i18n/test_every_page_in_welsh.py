"""Every page in the URLconf, in Welsh: under 2% of its text may be the same as on the
English page.

Generated from the URLconf with the matrices' shared world, so a page added later is
checked the day it exists (the browser journey in tests/browser/test_welsh_journey.py
checks the pages a Welsh speaker walks through, with JavaScript and axe; this checks them
all). Each page is read as the lead for organisation pages, and as the lead, then someone
signed out, for the rest; a redirect is read where it lands, and a route that gives a
download instead of a page is listed in tests/matrix/routes.py (NOT_PAGES).

Left out of the count, as in the journey: text people typed (every text value stored
outside the bilingual content models: names, email addresses, actions, notes), pieces
with no words (numbers, dates in digits) and text marked with another language.
"""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from tests.matrix.fixtures import world_fixture  # noqa: F401
from tests.matrix.routes import NOT_PAGES, page_routes, project_routes, route_urls
from tests.matrix.world import COORDINATOR, SIGNED_OUT
from tests.reference_data import same_in_both_languages
from trauma_wales.permissions import Role

pytestmark = [pytest.mark.django_db, pytest.mark.database_independent]

LIMIT = 0.02
WORD = re.compile(r"[A-Za-zÀ-ÿŵŷŴŶ]{2,}")
NOT_SHOWN = {"script", "style", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
# Routes that answer a GET with a download, not a page. Their Welsh is checked where they
# are made: tests/reports and tests/action_plans/test_exports.py read the files back.


class _VisibleText(HTMLParser):
    """Each text node with the language of its nearest element marked with one."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = []  # (tag, lang, hidden)
        self.pieces: list[tuple[str, str]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "title":
            self._in_title = True
        if tag in VOID:
            return
        lang, hidden = (self.stack[-1][1], self.stack[-1][2]) if self.stack else ("", False)
        hidden = hidden or tag in NOT_SHOWN or "hidden" in attributes
        if attributes.get("translate") == "no":  # names in code, the same in any language
            lang = "zxx"
        self.stack.append((tag, attributes.get("lang") or lang, hidden))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if not text:
            return
        if self._in_title:
            self.title += text
            return
        if self.stack and not self.stack[-1][2]:
            self.pieces.append((text, self.stack[-1][1]))


def visible_text(html: str) -> list[tuple[str, str]]:
    parser = _VisibleText()
    parser.feed(html)
    lang = re.search(r'<html[^>]*\blang="([^"]+)"', html)
    return [*parser.pieces, (parser.title, lang[1] if lang else "")]


def typed_texts() -> re.Pattern:
    """Every text stored outside the bilingual content models (those with `*_cy` fields),
    as whole words: what people typed and the names of people and organisations."""
    typed: set[str] = set(same_in_both_languages())  # Powys, Ceredigion: one name
    for model in apps.get_models():
        names = [field.name for field in model._meta.concrete_fields]
        if any(name.endswith("_cy") for name in names):
            continue  # bilingual content: only its names the same in both languages (above)
        text_fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and field.name != "password"
        ]
        if not text_fields:
            continue
        for row in model.objects.values_list(*text_fields):
            typed.update(value for value in row if value and len(value) > 1)
    values = sorted(typed, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, values)) + r")(?!\w)")


def english_share(welsh: str, english: str, typed: re.Pattern) -> tuple[float, list[str]]:
    """The share of the Welsh page's countable text found as English on the English page,
    and those pieces."""

    def without_typed(text: str) -> str:
        return typed.sub(" ", text).strip()

    english_pieces = {without_typed(text) for text, lang in visible_text(english) if lang == "en"}
    counted, same = 0, []
    for text, lang in visible_text(welsh):
        if lang != "cy":
            continue
        rest = without_typed(text)
        if not WORD.search(rest):
            continue
        counted += len(rest)
        if rest in english_pieces:
            same.append(rest)
    return (sum(map(len, same)) / counted if counted else 0.0), same


def _page(world, who: str, url: str, language: str):
    client = world.client(who)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url, follow=True)  # a redirect is read where it lands
    is_page = response.status_code == 200 and response["Content-Type"].startswith("text/html")
    return response.content.decode() if is_page else None


def test_the_downloads_left_out_are_routes():
    assert set(NOT_PAGES) <= {route.name for route in project_routes()}


def test_every_page_reads_in_welsh(world):
    typed = typed_texts()
    checked, unread, too_english = [], [], []
    for route in page_routes():
        if route.is_organisation_page:
            readers = [Role.LEAD]
        else:
            readers = [COORDINATOR] if route.is_network_page else [Role.LEAD, SIGNED_OUT]
        for label, url in route_urls(route, world):
            for who in readers:
                welsh = _page(world, who, url, "cy")
                if welsh is not None:
                    break
            else:
                unread.append(f"{route.name} {label}".strip())
                continue
            share, same = english_share(welsh, _page(world, who, url, "en"), typed)
            checked.append(url)
            if share >= LIMIT:
                too_english.append(f"{url} ({who}): {share:.1%} the same as English: {same}")

    assert not too_english, "\n".join(too_english)
    assert not unread, f"routes that showed no page to the lead or someone signed out: {unread}"
    assert len(checked) > 40
