"""The PDF never fetches what a person typed: user text is escaped, and even raw HTML
with remote, loopback or file URLs makes WeasyPrint fetch nothing but our static files.
A real local HTTP server records any request, so a fetch cannot go unnoticed."""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from action_plans.models import PlanStatus
from reports import pdf as report_pdf
from reports.pdf import BASE_URL, RefusedURL, StaticFilesOnlyFetcher, html_to_pdf
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.assessments.factories import answer_indicator, org_response, submitted_cycle
from tests.conftest import client_for
from tests.reports.pdfs import pdf_download

# What the PDF renderer may fetch does not depend on the database: PostgreSQL's run only.
pytestmark = pytest.mark.database_independent

STATIC = BASE_URL.rstrip("/") + settings.STATIC_URL


@pytest.fixture
def listener():
    """An HTTP server on a loopback port that records every path requested."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_the_fetcher_serves_our_static_files():
    fetcher = StaticFilesOnlyFetcher()
    response = fetcher(STATIC + "reports/report-print.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"
    assert fetcher.served and not fetcher.refused


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/static/reports/report-print.css",
        "http://localhost/",
        "http://[::1]/",
        "https://example.org/logo.png",
        "file:///etc/passwd",
        "data:text/plain,hello",
        "ftp://example.org/x",
        STATIC + "../../trauma_wales/settings/base.py",
        STATIC + "reports/..%2F..%2Fmanage.py",
        STATIC + "reports/report-print.css?x=1",
        STATIC + "not/a/file.css",
        STATIC,
        BASE_URL + "accounts/sign-in/",
    ],
)
def test_the_fetcher_refuses_everything_else(url):
    fetcher = StaticFilesOnlyFetcher()
    with pytest.raises(RefusedURL):
        fetcher(url)
    assert fetcher.refused == [url]


def test_raw_html_with_remote_and_file_urls_fetches_nothing(listener):
    base, hits = listener
    fetcher = StaticFilesOnlyFetcher()
    html = f"""<!DOCTYPE html><html lang="en"><head><title>t</title>
      <link rel="stylesheet" href="file:///etc/passwd">
      <link rel="stylesheet" href="{base}/style.css"></head>
      <body><p>Text</p><img src="{base}/pixel.png" alt="x">
      <img src="file:///etc/hostname" alt="y">
      <div style="background: url({base}/background.png)">z</div></body></html>"""
    content = html_to_pdf(html, fetcher=fetcher)
    assert content.startswith(b"%PDF")
    assert hits == []
    assert set(fetcher.refused) >= {
        "file:///etc/passwd",
        f"{base}/style.css",
        f"{base}/pixel.png",
        "file:///etc/hostname",
        f"{base}/background.png",
    }


@pytest.mark.django_db
def test_urls_typed_into_any_field_appear_as_text_and_are_never_fetched(
    organisation, board, framework_content, listener, monkeypatch
):
    base, hits = listener
    image = f'<img src="{base}/typed.png">'
    passwd = '<img src="file:///etc/passwd">'
    organisation.name = f"Cwm Afon {image}"
    organisation.save()
    cycle = submitted_cycle(organisation, name=f"Baseline {passwd}")
    answer_indicator(org_response(cycle), "policy-01", score=1, evidence=f"Evidence {image}")
    plan = PlanFactory(cycle=cycle, status=PlanStatus.APPROVED, title=f"Plan {image}")
    ActionFactory(plan=plan, description=f"Action {passwd}", outcome=f"Outcome {image}",
                  resources=f"Resources {image}", responsible_other="Team <b>bold</b>")  # fmt: skip

    fetchers: list[StaticFilesOnlyFetcher] = []

    class Spy(StaticFilesOnlyFetcher):
        def __init__(self):
            super().__init__()
            fetchers.append(self)

    monkeypatch.setattr(report_pdf, "StaticFilesOnlyFetcher", Spy)
    url = reverse("reports:pdf", args=[organisation.slug, cycle.pk])
    response = pdf_download(client_for(board), url)
    assert response.status_code == 200
    assert hits == []
    (spy,) = fetchers
    assert spy.refused == []
    assert spy.served == [STATIC + "reports/report-print.css"]
    reader = PdfReader(io.BytesIO(response.getvalue()))
    text = " ".join(page.extract_text() for page in reader.pages)
    squeezed = "".join(text.split())  # narrow table columns wrap lines anywhere
    for typed in (f"Action {passwd}", f"Evidence {image}", "Team <b>bold</b>"):
        assert "".join(typed.split()) in squeezed, typed
