"""The shape of what a page selector returns: a typed, frozen read model.

Selectors return these rather than dictionaries, so a reader (and mypy) can see what a
page gets; `context()` hands the fields to a template by name. Formatting for display
belongs in presenters and templates, not here.
"""

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class ReadModel:
    def context(self) -> dict:
        """The fields by name, for a template context (not copied, unlike `asdict`)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}
