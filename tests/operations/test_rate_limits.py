"""The network address the limits count: the connection's, or behind trusted load balancers
the one they added to X-Forwarded-For, never what the client wrote there itself."""

import pytest
from django.test import RequestFactory

from trauma_wales.rate_limits import client_address

pytestmark = pytest.mark.database_independent


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy trusted: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.66, 203.0.113.9", "203.0.113.9"),  # the client's own claim is left
        (2, "198.51.100.66, 203.0.113.9, 10.0.0.7", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.1"),  # fewer addresses than proxies: the connection's
    ],
)
def test_the_address_counted(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == expected
