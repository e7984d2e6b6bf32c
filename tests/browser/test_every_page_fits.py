"""Every page, at 320 CSS px wide, fits without the page scrolling sideways (WCAG 1.4.10
Reflow): a wide table scrolls inside its own region, never the whole page.

Generated from the URLconf with the matrices' world (tests/test_every_page_structure.py
reads the same pages' HTML): a page added later is crawled the day it exists. The lead's
pages carry the most controls; the reviewer's are the same pages with fewer, except the
action plan's, which add the review and comment forms, so the reviewer reads only those.
The pages outside an organisation are read signed out and signed in. In English and in
Welsh, whose words are often longer.
"""

import pytest
from playwright.sync_api import Error

from tests.matrix.routes import page_routes, route_urls
from tests.matrix.world import COORDINATOR, SIGNED_OUT, build_world
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = {"width": 320, "height": 640}
WIDTH = "document.documentElement.scrollWidth"


def readers(route) -> list[str]:
    if route.is_organisation_page:
        return [Role.LEAD, Role.REVIEWER] if route.namespace == "plans" else [Role.LEAD]
    if route.is_network_page:
        return [COORDINATOR]
    return [Role.LEAD, SIGNED_OUT]


def test_the_check_finds_a_page_that_scrolls_sideways(page):
    page.set_viewport_size(NARROW)
    page.set_content("<table><tr><td style='white-space:nowrap'>" + "word " * 80 + "</td></tr>")
    assert page.evaluate(WIDTH) > 320


def test_every_page_fits_320_px_in_english_and_welsh(page, live_server):
    world = build_world()
    world.sign_in_everyone()
    page.set_viewport_size(NARROW)
    urls = {
        who: [url for route in page_routes() if who in readers(route)
              for _label, url in route_urls(route, world)]
        for who in (Role.LEAD, Role.REVIEWER, COORDINATOR, SIGNED_OUT)
    }  # fmt: skip
    too_wide, crawled = [], 0
    for language in ("en", "cy"):
        for who, addresses in urls.items():
            page.context.clear_cookies()
            cookies = {} if who == SIGNED_OUT else dict(world.sessions[who])
            cookies["django_language"] = language
            page.context.add_cookies(
                [{"name": k, "value": v, "url": live_server.url} for k, v in cookies.items()]
            )
            for url in addresses:
                try:
                    page.goto(url)
                except Error as error:  # a route that sends a file when it has one ready
                    if "Download is starting" in error.message:
                        continue
                    raise
                width = page.evaluate(WIDTH)
                crawled += 1
                if width > NARROW["width"]:
                    too_wide.append(f"{language} {who} {url}: {width} px")
    assert too_wide == []
    assert crawled > 250
