"""Hostile values for every field and parameter the code reads.

'²' and '١٢' are digits to `str.isdigit()` (and '١٢' to `int()`), but '²' is not to
`int()`; twenty nines overflow a 64-bit integer; the long value is digits too, so it
reaches number parsing as well as length checks (`int()` refuses more than 4,300 digits).
"""

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
