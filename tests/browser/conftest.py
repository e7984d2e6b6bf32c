"""Real-browser fixtures: Debian's chromium driven by Playwright, plus an axe-core check.

Playwright's sync API runs an event loop in the test thread, which makes Django refuse ORM
calls there unless async-unsafe calls are allowed; the test thread only sets up data.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Only violations are collected: passes and "incomplete" results cost time and are unused.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]}
# Colour contrast is about 80% of axe's time. Both modes share one stylesheet and the same
# server HTML, so the journey with JavaScript checks contrast on every page it visits (with
# JavaScript's additions) and the copy without scripts runs every other rule (ADR 0004).
AXE_OPTIONS_WITHOUT_JS = {**AXE_OPTIONS, "rules": {"color-contrast": {"enabled": False}}}
SCREENSHOTS = (
    Path(os.environ.get("SCREENSHOT_DIR", "")) if os.environ.get("SCREENSHOT_DIR") else None
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def pytest_generate_tests(metafunc):
    """Every journey runs with JavaScript. A test marked `without_javascript_only` runs
    without it instead (tests/browser/test_without_javascript.py goes through the pages
    whose HTML JavaScript changes), and one marked `without_javascript_too` runs both ways
    (docs/adr/0004)."""
    if "page" in metafunc.fixturenames:
        marked = metafunc.definition.get_closest_marker
        modes = [True, False] if marked("without_javascript_too") else [True]
        if marked("without_javascript_only"):
            modes = [False]
        ids = ["with-js" if mode else "without-js" for mode in modes]
        metafunc.parametrize("page", modes, indirect=True, ids=ids)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/test, which installs it")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


_NO_JS_PAGES: set = set()
_MIRRORS: dict = {}  # id(no-JS page) -> a JavaScript-enabled tab that axe runs in


def _about_headers(text: str) -> bool:
    return "Content Security Policy" in text or "Permissions-Policy" in text


@pytest.fixture
def page(request, browser, live_server):
    """A fresh page, with JavaScript or without it (`pytest_generate_tests` says which)."""
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=request.param,
        viewport={"width": 1100, "height": 900},
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    # What the browser reports about our security headers: the Content-Security-Policy
    # blocking something, or a Permissions-Policy it cannot read. Nothing should be.
    header_reports = []
    tab.on("console", lambda m: header_reports.append(m.text) if _about_headers(m.text) else None)
    if not request.param:
        _NO_JS_PAGES.add(id(tab))
    yield tab
    _NO_JS_PAGES.discard(id(tab))
    mirror = _MIRRORS.pop(id(tab), None)
    if mirror is not None:
        mirror.context.close()
    context.close()
    assert header_reports == [], header_reports


_axe = Axe()
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)


def _mirror_without_scripts(page):
    """axe needs JavaScript to run, so a page shown without it is checked as a copy: the
    same HTML minus its scripts, served from the same address in a tab that allows axe.
    One mirror tab is kept per page and reused."""
    html = _SCRIPT.sub("", page.content())
    mirror = _MIRRORS.get(id(page))
    if mirror is None:
        mirror = page.context.browser.new_context(viewport=page.viewport_size).new_page()
        _MIRRORS[id(page)] = mirror
    mirror.unroute_all()
    mirror.route(page.url, lambda route: route.fulfill(body=html, content_type="text/html"))
    mirror.goto(page.url)
    return mirror


def assert_accessible(page, name: str = "", *, contrast: bool = True) -> None:
    """Zero axe-core violations against WCAG 2.2 AA on the page as it is now.

    `contrast=False` leaves out colour contrast, for pages whose templates and stylesheet
    another journey already checks (contrast does not depend on the words)."""
    suffix, options = "", AXE_OPTIONS if contrast else AXE_OPTIONS_WITHOUT_JS
    if id(page) in _NO_JS_PAGES:
        page, suffix, options = _mirror_without_scripts(page), "-nojs", AXE_OPTIONS_WITHOUT_JS
    results = _axe.run(page, options=options)
    if SCREENSHOTS is not None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name or 'page'}{suffix}.png"), full_page=True)
    violations = results.response["violations"]
    assert not violations, f"{page.url}: {results.generate_report()}"


def assert_accessible_and_narrow(page, name: str) -> None:
    """`assert_accessible`, then the same page at 320 px: nothing scrolls sideways."""
    page.wait_for_load_state()
    assert_accessible(page, name)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
    page.set_viewport_size(size)


def sign_in(page, email: str, password: str) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
