"""The one exception a service raises when a request is refused for a business reason.

Views catch it and show its message to the person (it is written for them); it is never
a server error.
"""


class DomainError(Exception):
    """A write was refused: the message says why, in plain words."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
