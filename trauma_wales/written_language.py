"""Which language, English or Welsh, a piece of typed text is written in, when it is clear.

Text people type (an action, a comment, a progress note) stays as they wrote it. On a page
in the other language it should carry that language's `lang`, so a screen reader reads it
with the right voice (WCAG 3.1.2). We do not store the language of each text, so we look
at its common short words, which differ almost completely between the two languages.
Only a clear answer counts: short or mixed text gets None and is left unmarked, which is
what a page did before.
"""

import re

WELSH_WORDS = frozenset(
    """y yr 'r ac ag yn mae maen sy sy'n oedd ei eu o'r i'r ar gyda gan wedi bod fydd bydd
    byddwn ddim nid neu hefyd pob ein eich hyn hwn hon ydy ydyn oes mewn ond cael gwneud
    chi nhw fel ble beth pan rhaid gallu dros rhwng drwy heb yng ym ynghylch
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
ENGLISH_WORDS = frozenset(
    """the and of to in is are for with on by be we they it that this will have has not or
    from our their as was were who which what when there been can should would than into
    about after before each every more most people
    """.split()  # noqa: SIM905
)
WORD = re.compile(r"[a-zâêîôûŵŷäëïöüẅÿáéíóúẃýàèìòùẁỳ']+")
MINIMUM_EVIDENCE = 2


def written_language(text: str) -> str | None:
    """ "en" or "cy" when the text is clearly in one of them, otherwise None."""
    words = WORD.findall(text.lower().replace("\u2019", "'"))
    welsh = sum(1 for word in words if word in WELSH_WORDS or word.endswith(("'n", "'r")))
    english = sum(1 for word in words if word in ENGLISH_WORDS)
    if max(welsh, english) < MINIMUM_EVIDENCE:
        return None
    if welsh >= 2 * english + 1:
        return "cy"
    if english >= 2 * welsh + 1:
        return "en"
    return None
