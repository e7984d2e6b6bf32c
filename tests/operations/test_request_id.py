"""Every response and every log line carries the request's id, so one request can be
followed from the load balancer through the logs to what the person saw."""

import logging
import re

import pytest
from django.core.signals import request_finished
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from trauma_wales.request_id import (
    RequestIdFilter,
    RequestIdMiddleware,
    request_id_bound,
    request_id_current,
)

pytestmark = pytest.mark.django_db


def test_a_response_carries_a_new_id_when_none_was_given(client):
    first = client.get(reverse("accessibility"))["X-Request-ID"]
    second = client.get(reverse("accessibility"))["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


@pytest.mark.parametrize(
    ("given", "kept"),
    [("lb-7f3a.42", True), ("x" * 65, False), ("bad id\nFAKE LOG LINE", False), ("", False)],
)
def test_the_load_balancers_id_is_kept_only_when_it_is_a_plain_token(client, given, kept):
    returned = client.get(reverse("accessibility"), headers={"X-Request-ID": given})["X-Request-ID"]
    assert (returned == given) is kept
    assert "\n" not in returned


def test_log_lines_during_a_request_carry_its_id(caplog):
    seen = {}

    def view(request):
        logging.getLogger("trauma_wales.test").warning("inside")
        seen["id"] = request_id_current()
        return HttpResponse("ok")

    handler_filter = RequestIdFilter()
    caplog.handler.addFilter(handler_filter)
    try:
        response = RequestIdMiddleware(view)(
            RequestFactory().get("/", headers={"X-Request-ID": "abc-123"})
        )
    finally:
        caplog.handler.removeFilter(handler_filter)
    assert response["X-Request-ID"] == seen["id"] == "abc-123"
    assert [record.request_id for record in caplog.records] == ["abc-123"]
    request_finished.send(sender=None)
    assert request_id_current() == "-"  # nothing leaks into the next request


def test_djangos_own_log_of_a_not_found_carries_the_id(client, caplog):
    caplog.handler.addFilter(RequestIdFilter())
    response = client.get("/no-such-page/", headers={"X-Request-ID": "lb-404"})
    assert response.status_code == 404
    logged = [r for r in caplog.records if r.name == "django.request"]
    assert [record.request_id for record in logged] == ["lb-404"]


def test_work_outside_a_request_can_name_itself():
    with request_id_bound("email-42"):
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
        RequestIdFilter().filter(record)
    assert record.request_id == "email-42"
    assert request_id_current() == "-"
