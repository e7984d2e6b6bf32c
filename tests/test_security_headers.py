"""The headers every page carries: a Content-Security-Policy whose only inline script is
the one with the request's nonce, a Permissions-Policy and a Referrer-Policy."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = ["accounts:login", "accounts:sign_up", "accessibility", "home"]


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize("name", PAGES)
def test_pages_allow_only_their_own_files_and_the_nonced_script(client, name):
    response = client.get(reverse(name), follow=True)
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    (nonce,) = [v[len("'nonce-") : -1] for v in policy["script-src"] if v.startswith("'nonce-")]
    html = response.content.decode()
    inline = [
        attributes
        for attributes in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
        if 'type="application/json"' not in attributes  # data, never run
    ]
    assert inline == [f' nonce="{nonce}"'], "every inline script carries the nonce"
    assert " style=" not in html


def test_each_response_has_its_own_nonce(client):
    first, second = (client.get(reverse("accounts:login")) for _ in range(2))
    assert directives(first)["script-src"] != directives(second)["script-src"]


def test_browser_features_we_never_use_are_turned_off(client):
    response = client.get(reverse("accounts:login"))
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
    assert response["Referrer-Policy"] == "same-origin"
