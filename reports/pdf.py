"""Turning the report's HTML into a tagged, accessible PDF with WeasyPrint, safely.

The HTML holds text people typed (evidence notes, actions, names). Django escapes it, and
as a second guard WeasyPrint is given a URL fetcher that serves only this project's own
static files from disk: any other URL, whether http(s), file://, a loopback address or
anything else, is refused without a network or file-system read outside static files.

Static files are found where Django's finders look (the source folders) or, failing that,
among the collected files in STATIC_ROOT: production's manifest storage names the
stylesheet by its hashed name (report-print.<hash>.css), which only the collected copy has.
"""

import logging
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from weasyprint import DEFAULT_OPTIONS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# The document's base URL: not a real host, only a prefix the fetcher recognises.
BASE_URL = "https://report.invalid/"
STYLESHEET = "reports/report-print.css"


class RefusedURL(ValueError):
    """WeasyPrint logs a fetcher's ValueError and carries on without the resource."""


def _collected(relative: str) -> str | None:
    """The collected copy of a static file (in STATIC_ROOT), if there is one on disk."""
    try:
        path = staticfiles_storage.path(relative)
    except (NotImplementedError, ImproperlyConfigured, SuspiciousFileOperation):
        return None  # a remote storage, no STATIC_ROOT, or a path outside it
    return path if os.path.isfile(path) else None


def static_file(relative: str) -> Path | None:
    """One of the site's static files on disk, by its path under STATIC_URL (a source file,
    or a collected one under its hashed name); None for anything else."""
    if not relative or relative.startswith("/") or ".." in relative.split("/"):
        return None
    found = finders.find(relative) or _collected(relative)
    return Path(found) if found and os.path.isfile(found) else None


def static_file_bytes(relative: str) -> bytes:
    path = static_file(relative)
    if path is None:
        raise FileNotFoundError(relative)
    return path.read_bytes()


class StaticFilesOnlyFetcher(URLFetcher):
    """Serves `<BASE_URL><STATIC_URL>path` from the project's static files; refuses the rest.

    `refused` lists every URL turned away, for logging and for tests."""

    def __init__(self):
        super().__init__()
        self.refused: list[str] = []
        self.served: list[str] = []

    def _static_path(self, url: str) -> Path | None:
        prefix = BASE_URL.rstrip("/") + "/" + settings.STATIC_URL.lstrip("/")
        if not url.startswith(prefix):
            return None
        parts = urlsplit(url)
        if parts.query or parts.fragment:
            return None
        return static_file(unquote(url[len(prefix) :]))

    def fetch(self, url, headers=None):
        path = self._static_path(url)
        if path is None:
            self.refused.append(url)
            logger.warning("Report PDF: refused to fetch %s", url[:200])
            raise RefusedURL(f"Not one of this site's static files: {url[:200]}")
        self.served.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int


def render_pdf(html: str, *, fetcher: StaticFilesOnlyFetcher | None = None) -> RenderedPdf:
    """A PDF/UA-1 (tagged) document; its title and language come from the HTML."""
    fetcher = fetcher or StaticFilesOnlyFetcher()
    options = {**DEFAULT_OPTIONS, "pdf_variant": "pdf/ua-1"}
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(**options)
    return RenderedPdf(document.write_pdf(**options), len(document.pages))


def html_to_pdf(html: str, *, fetcher: StaticFilesOnlyFetcher | None = None) -> bytes:
    return render_pdf(html, fetcher=fetcher).content
