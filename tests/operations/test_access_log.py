"""gunicorn's access log keeps no address or browser for the anonymous feedback pages."""

import datetime
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from trauma_wales.access_log import AnonymousFeedbackLogger

ADDRESS, BROWSER = "203.0.113.5", "Test browser 1.0"


def atoms(path: str) -> dict:
    logger = AnonymousFeedbackLogger(Config())
    environ = {
        "REMOTE_ADDR": ADDRESS,
        "HTTP_USER_AGENT": BROWSER,
        "REQUEST_METHOD": "POST",
        "RAW_URI": path,
        "PATH_INFO": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    request = SimpleNamespace(headers=[("USER-AGENT", BROWSER), ("X-FORWARDED-FOR", ADDRESS)])
    response = SimpleNamespace(status="302 Found", headers=[], sent=0)
    return logger.atoms(response, request, environ, datetime.timedelta(milliseconds=5))


@pytest.mark.parametrize("path", ["/f/abc123/answer/", "/f/abc123/"])
def test_a_feedback_page_is_logged_without_address_or_browser(path):
    logged = atoms(path)
    assert ADDRESS not in str(logged.values()) and BROWSER not in str(logged.values())
    assert logged["s"] == "302"


def test_other_pages_are_logged_as_gunicorn_logs_them():
    logged = atoms("/accounts/sign-in/")
    assert logged["h"] == ADDRESS and logged["a"] == BROWSER
