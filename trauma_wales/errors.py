"""The one exception a service raises when a request is refused for a business reason.

Views catch it and show its message to the person (it is written for them); it is never
a server error.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise


class DomainError(Exception):
    """A write was refused: the message says why, in plain words (a string, or a lazy
    translation that becomes one in the person's language when shown)."""

    def __init__(self, message: "str | _StrOrPromise", *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
