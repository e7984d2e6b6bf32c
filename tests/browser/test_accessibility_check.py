"""The accessibility check itself must be able to fail, with and without JavaScript."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.without_javascript_too]

INACCESSIBLE = (
    "<!DOCTYPE html><html lang='en'><head><title>Broken</title></head><body><main>"
    "<h1>Broken</h1><form><input type='text' name='unlabelled'></form>"
    "<p style='color:#bbb;background:#fff'>Low contrast text</p></main></body></html>"
)


def test_axe_reports_violations(page, live_server, request):
    url = f"{live_server.url}/__broken__/"
    page.route(url, lambda route: route.fulfill(body=INACCESSIBLE, content_type="text/html"))
    page.goto(url)
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "broken")
    assert "label" in str(failure.value)
    # Contrast is checked with JavaScript on; the copy without scripts skips it (ADR 0004).
    with_javascript = request.node.callspec.params["page"]
    assert ("color-contrast" in str(failure.value)) is with_javascript
