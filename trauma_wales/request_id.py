"""A request id on every log line and every response, to follow one request through the
load balancer, the app's logs and the person's report of a problem.

The id comes from the `X-Request-ID` header when the load balancer sets a sensible one,
or is made here; it goes back in the response's `X-Request-ID` header (gunicorn's access
log prints it from there, gunicorn.conf.py). Code that is not a request (the task worker,
the schedule) can name its own unit of work with `request_id_bound`.
"""

import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.signals import request_finished

HEADER = "X-Request-ID"
NONE = "-"
_ACCEPTABLE = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_current: ContextVar[str] = ContextVar("request_id", default=NONE)


def request_id_current() -> str:
    return _current.get()


@contextmanager
def request_id_bound(value: str) -> Iterator[str]:
    token = _current.set(value)
    try:
        yield value
    finally:
        _current.reset(token)


def request_id_for(header: str | None) -> str:
    """The load balancer's id if it is a plain token, else a new one (never log what a
    client typed into a header unchecked)."""
    if header and _ACCEPTABLE.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Sets the id for the rest of the request: Django logs a 4xx or 5xx after the
    middleware has returned, so the id is cleared when the request finishes instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request.headers.get(HEADER))
        _current.set(request.request_id)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


def _request_finished(**kwargs) -> None:
    _current.set(NONE)


request_finished.connect(_request_finished, dispatch_uid="trauma_wales.request_id")


class RequestIdFilter(logging.Filter):
    """Gives every record a `request_id` for the log format (settings.LOGGING)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get()
        return True
