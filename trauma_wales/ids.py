"""Ids as they arrive in a request (query strings, form fields): one parser for all.

`str.isdigit` accepts "²" and other digits `int` refuses (a 500), and a 20-digit number
overflows the database's integer (another 500). `parse_id` turns anything that is not a
plain positive id the database can hold into None, which callers treat as "not found".
"""

MAX_ID = 2**63 - 1  # the largest BigAutoField value, on PostgreSQL and SQLite alike


def parse_id(value) -> int | None:
    text = str(value if value is not None else "").strip()
    if not text or len(text) > len(str(MAX_ID)) or not (text.isascii() and text.isdecimal()):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """`<id:name>` in URLs: a positive id the database can hold; anything longer is a 404,
    not an overflow in the database."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)
