"""Hostile values for every field and parameter the code reads.

'²' and '١٢' are digits to `str.isdigit()` (and '١٢' to `int()`), but '²' is not to
`int()`; twenty nines overflow a 64-bit integer; the long value is digits too, so it
reaches number parsing as well as length checks (`int()` refuses more than 4,300 digits).
"""

# How these values are stored, compared or refused differs between SQLite and PostgreSQL:
# PostgreSQL refuses NUL in text, twenty nines overflow each database's integers in its own
# way, a long value meets PostgreSQL's index-row limit and a negative one the CHECK
# constraints. The others are parsed or refused in Python before any query, the same on
# both, so `--database-dependent-only` (the run repeated on the second database) skips them.
DATABASE_DEPENDENT = frozenset({"100000-characters", "minus-one", "twenty-nines", "nul-byte"})

HOSTILE_VALUES = {
    "empty": "",
    "whitespace": " \t\n ",
    "100000-characters": "9" * 100_000,
    "superscript-two": "²",
    "arabic-indic-twelve": "١٢",
    "minus-one": "-1",
    "twenty-nines": "9" * 20,
    "script-tag": "<script>alert(1)</script>",
    "nul-byte": "\x00",
}
