"""Text for cells of a download that people open in a spreadsheet program.

What people type in the service (an action, a note, a name) goes out in CSV and Excel
files, and a spreadsheet runs a cell that starts like a formula (OWASP "CSV injection").
Every text cell is neutralised: such a value gets a leading single quote.
"""

# Characters that make a spreadsheet treat a cell as a formula (OWASP guidance).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell_neutralise(value: object) -> str:
    """The value as text, with a leading ' if a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text
