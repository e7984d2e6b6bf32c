"""The PDF keeps its stylesheet under production's static storage.

Production collects static files with WhiteNoise's CompressedManifestStaticFilesStorage,
so `{% static %}` names the stylesheet by its hashed name, which only the collected copy in
STATIC_ROOT has. Here a real `collectstatic` with that storage fills a temporary STATIC_ROOT
(from the report's own static folder only: collecting and compressing GOV.UK Frontend's
thousand files would take a minute), then a report is rendered and read back: the hashed
stylesheet was fetched and applied (the action plan's pages are landscape and every page
after the cover carries the running header the stylesheet sets), and everything outside
the static files is still refused.
"""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from pypdf import PdfReader

from reports.documents import Variant, report_document
from reports.pdf import BASE_URL, RefusedURL, StaticFilesOnlyFetcher, html_to_pdf
from tests.assessments.factories import submitted_cycle

# How the PDF finds its stylesheet does not depend on the database: PostgreSQL's run only.
pytestmark = pytest.mark.database_independent

PRODUCTION_STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = PRODUCTION_STORAGES
    settings.STATICFILES_DIRS = [("reports", settings.BASE_DIR / "static" / "reports")]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    # The source folders are not on the production server's finders' path either.
    settings.STATICFILES_DIRS = []
    return settings.STATIC_ROOT


def _report_html(cycle) -> str:
    return report_document(cycle=cycle, variant=Variant("summary", "en", True)).html


@pytest.mark.django_db
def test_the_pdf_is_styled_under_the_manifest_storage(collected, organisation, framework_content):
    cycle = submitted_cycle(organisation, name="2025 baseline")
    stylesheet = static("reports/report-print.css")
    assert stylesheet != settings.STATIC_URL + "reports/report-print.css"  # a hashed name
    fetcher = StaticFilesOnlyFetcher()
    reader = PdfReader(io.BytesIO(html_to_pdf(_report_html(cycle), fetcher=fetcher)))
    assert fetcher.refused == []
    assert fetcher.served == [BASE_URL.rstrip("/") + stylesheet]
    landscape = [p for p in reader.pages if p.mediabox.width > p.mediabox.height]
    assert landscape, "no landscape page: the stylesheet was not applied"
    header = f"{organisation.name} · 2025 baseline"
    assert all(header in page.extract_text() for page in reader.pages[1:])


@pytest.mark.parametrize(
    "path",
    [
        "../staticfiles.json",
        "reports/../../manage.py",
        "%2e%2e/%2e%2e/manage.py",
        "/etc/passwd",
        "reports/not-collected.css",
    ],
)
def test_the_collected_files_are_all_it_adds(collected, path):
    url = BASE_URL.rstrip("/") + settings.STATIC_URL + path
    fetcher = StaticFilesOnlyFetcher()
    with pytest.raises(RefusedURL):
        fetcher(url)
    assert fetcher.refused == [url]
