"""Turning the report's HTML into a tagged, accessible PDF with WeasyPrint, safely.

The HTML holds text people typed (evidence notes, actions, names). Django escapes it, and
as a second guard WeasyPrint is given a URL fetcher that serves only this project's own
static files from disk: any other URL, whether http(s), file://, a loopback address or
anything else, is refused without a network or file-system read outside static files.

Static files are found where Django's finders look (the source folders) or, failing that,
among the collected files in STATIC_ROOT: production's manifest storage names the
stylesheet by its hashed name (report-print.<hash>.css), which only the collected copy has.
"""

import hashlib
import logging
import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

CACHE_SECONDS = 60 * 60 * 24

# The document's base URL: not a real host, only a prefix the fetcher recognises.
BASE_URL = "https://report.invalid/"


class RefusedURL(ValueError):
    """WeasyPrint logs a fetcher's ValueError and carries on without the resource."""


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
        relative = unquote(url[len(prefix) :])
        if not relative or relative.startswith("/") or ".." in relative.split("/"):
            return None
        found = finders.find(relative) or _collected(relative)
        return Path(found) if found else None

    def fetch(self, url, headers=None):
        path = self._static_path(url)
        if path is None or not path.is_file():
            self.refused.append(url)
            logger.warning("Report PDF: refused to fetch %s", url[:200])
            raise RefusedURL(f"Not one of this site's static files: {url[:200]}")
        self.served.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def _collected(relative: str) -> str | None:
    """The collected copy of a static file (in STATIC_ROOT), if there is one on disk."""
    try:
        path = staticfiles_storage.path(relative)
    except (NotImplementedError, ImproperlyConfigured, SuspiciousFileOperation):
        return None  # a remote storage, no STATIC_ROOT, or a path outside it
    return path if os.path.isfile(path) else None


def html_to_pdf(html: str, *, fetcher: StaticFilesOnlyFetcher | None = None) -> bytes:
    """A PDF/UA-1 (tagged) document; its title and language come from the HTML."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher or StaticFilesOnlyFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")


def cached_html_to_pdf(html: str) -> bytes:
    """The PDF for this exact HTML, rendered once: everyone on a board downloading the same
    report gets the same bytes without waiting for WeasyPrint again. Any change to the
    figures, the plan or the date changes the HTML, and so the key."""
    digest = hashlib.sha256(html.encode()).hexdigest()
    key = f"report-pdf:{weasyprint.__version__}:{digest}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
