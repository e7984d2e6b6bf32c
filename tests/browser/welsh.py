"""How much of a Welsh page is still English: the visible text pieces of the Welsh page
that are identical to the same page in English.

Left out of the count: pieces with no letters (numbers, dates as digits), what people
typed and proper names (the test says which), names the same in both languages in the
bilingual content (places such as Powys or Ceredigion), and text marked with another
`lang` (the language switcher's "English", deliberately shown in its own language).
"""

import re

from django.utils import translation

from tests.reference_data import same_in_both_languages

# Every visible text node of <body> with the language it is marked as, plus the title.
VISIBLE_TEXT = """() => {
  const pieces = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!element || element.closest("script, style, template, [hidden]")) continue;
    if (!element.checkVisibility({visibilityProperty: true})
        && !element.closest(".govuk-visually-hidden")) continue;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (text) pieces.push([text, element.closest("[lang]").getAttribute("lang")]);
  }
  pieces.push([document.title, document.documentElement.lang]);
  return pieces;
}"""


def cy(text: str) -> str:
    """The Welsh of an English message, from the catalogue (to find buttons and labels)."""
    with translation.override("cy"):
        return translation.gettext(text)


def visible_text(page) -> list[tuple[str, str]]:
    return [tuple(piece) for piece in page.evaluate(VISIBLE_TEXT)]


def _without(text: str, excluded: list[str]) -> str:
    for typed in sorted(excluded, key=len, reverse=True):
        text = text.replace(typed, " ")
    return text


def english_left(
    welsh: list[tuple[str, str]], english: list[tuple[str, str]], excluded: list[str]
) -> tuple[float, list[str]]:
    """The share of the Welsh page's countable text that is identical on the English page,
    and those pieces. A piece counts once the excluded texts are taken out of it."""
    english_pieces = {_without(text, excluded).strip() for text, _lang in english}
    counted, same = 0, []
    for text, lang in welsh:
        if lang != "cy":
            continue
        rest = _without(text, excluded).strip()
        if not re.search(r"[A-Za-zÀ-ÿŵŷŴŶ]{2,}", rest):
            continue
        counted += len(rest)
        if rest in english_pieces:
            same.append(rest)
    return (sum(map(len, same)) / counted if counted else 0.0), same


def assert_welsh(page, english_page, excluded: list[str], limit: float = 0.02) -> None:
    """Open the same address in English and check under `limit` of the text is identical."""
    english_page.goto(page.url)
    english_page.wait_for_load_state()
    assert english_page.url == page.url, f"the English twin was sent to {english_page.url}"
    excluded = [*excluded, *same_in_both_languages()]
    share, same = english_left(visible_text(page), visible_text(english_page), excluded)
    assert share < limit, f"{page.url}: {share:.1%} of the text is English: {same}"
