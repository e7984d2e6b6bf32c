"""Masking what could identify someone in a comment, before the comment is stored.

People writing about a service name the member of staff who helped them, give their own
name, or leave a number to call them back. A comment is anonymous only if none of that
is kept, so a comment is masked on arrival and only the masked text is stored: an email
address, anything that reads as a phone number, and anything that reads as a person's
name (a title such as "Dr" or "Nurse" and the words after it; "my name is", "I'm", "called"
and the word after; two or more capitalised words together; a capitalised word inside a
sentence) become a marker in square brackets.

Masking errs on the side of hiding a word too many: a lead reads every comment before
choosing to include it. A single name opening a sentence ("Sarah was lovely") reads like
any other first word and is not caught; the lead is told to look for those.
"""

import re

from django.utils.translation import gettext as _

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Nine or more digits, with spaces, dots, dashes or brackets between them, and an
# optional +: UK numbers have ten or eleven digits, so a date or a year is left alone.
PHONE = re.compile(r"(?<!\w)\+?\(?\d(?:[\s().-]{0,2}\d){8,}(?!\w)")
TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Nurse|Sister|Prof|Professor|Father|Rev|Cllr)\.?"
    r"(?:\s+[A-Z][\w'-]*)+",
)
INTRODUCED = re.compile(
    r"\b(?:[Mm]y name is|[Mm]y name's|I'm|I am|[Cc]alled|[Nn]amed|[Ee]nw)\s+([A-Z][\w'-]*)"
)
# A word with a capital first letter: Latin letters with Welsh accents, apostrophes, dashes.
CAPITALISED = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿA-ZÀ-ÖØ-Þ'\u2019-]*"
RUN_OF_CAPITALISED = re.compile(rf"\b{CAPITALISED}(?:\s+{CAPITALISED})+")
WORD = re.compile(rf"\b{CAPITALISED}")
SENTENCE_END = re.compile(r"[.!?:;\n]\s*$")

# Capitalised words that are not names: the pronoun, days and months, places and
# languages, services people mention, in English and Welsh.
_NOT_NAME_WORDS = """
    I I'm I've I'd I'll OK
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Christmas Easter
    Wales Welsh Cymru Cymraeg Cymreig England English Britain British UK Saesneg Lloegr
    NHS GIG GP A&E CAMHS DWP ACE ACEs TrACE Covid Google Facebook WhatsApp
    Dydd Llun Mawrth Mercher Iau Gwener Sadwrn Sul Ionawr Chwefror Ebrill Mai Mehefin
    Gorffennaf Awst Medi Hydref Tachwedd Rhagfyr Nadolig Pasg
"""
NOT_NAMES = frozenset(word.casefold() for word in _NOT_NAME_WORDS.split())


# Words that often open a sentence, so a capital there says nothing about a name.
_STARTER_WORDS = """
    the a an my our we they she he it this that these those thank thanks when if and but so
    please yes no staff everyone nobody someone ask tell call speak
    y yr mae roedd diolch pan os ac ond
"""
STARTERS = frozenset(_STARTER_WORDS.split())


def _known(word: str, not_names: frozenset[str]) -> bool:
    folded = word.casefold().rstrip("'\u2019")
    return folded in not_names or (folded.endswith("s") and folded[:-1] in not_names)


def mask_personal_details(text: str, *, allowed: frozenset[str] = frozenset()) -> str:
    """`text` with email addresses, phone numbers and what reads as names replaced by a
    marker. `allowed` holds words that are not names here (the organisation's own name)."""
    name = _("[name removed]")
    not_names = NOT_NAMES | {word.casefold() for word in allowed}
    text = EMAIL.sub(_("[email address removed]"), text)
    text = PHONE.sub(_("[phone number removed]"), text)
    text = TITLE.sub(name, text)
    text = INTRODUCED.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + name, text)

    def run(match: re.Match) -> str:
        first, *rest = match.group(0).split()
        if first.casefold() in STARTERS:
            if len(rest) == 1 or all(_known(w, not_names) for w in rest):
                return match.group(0)
            return f"{first} {name}"
        if all(_known(w, not_names) for w in [first, *rest]):
            return match.group(0)
        return name

    text = RUN_OF_CAPITALISED.sub(run, text)

    def inside_sentence(match: re.Match) -> str:
        word = match.group(0)
        before = text[: match.start()]
        starts_sentence = not before.strip() or SENTENCE_END.search(before) is not None
        if starts_sentence or _known(word, not_names):
            return word
        return name

    text = WORD.sub(inside_sentence, text)
    return text
