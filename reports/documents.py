"""The board report as the PDF's HTML, and the fingerprint that keys its stored file.

The fingerprint is a hash of the very HTML WeasyPrint is given, rendered without the date
the PDF is made, plus the print stylesheet and the WeasyPrint version. Whatever the report
shows is in that HTML: every figure, answer, note, name and date, the plan and its status,
which actions are overdue today, the framework's wording and the translations. So any
change to what the PDF would say, in either language, gives a new fingerprint, and a PDF
made for an old one is never served as current. Building it costs what building the
report costs (about 60 ms for a full report with 40 actions), not a PDF render (seconds).
"""

import dataclasses
import hashlib
import logging
from dataclasses import dataclass
from functools import cache

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from assessments.models import AssessmentCycle
from reports.pdf import STYLESHEET, static_file_bytes
from reports.selectors import FULL, SUMMARY, BoardReport, board_report
from trauma_wales.permissions import Capability, role_can, roles_with

logger = logging.getLogger(__name__)

# Bump when the PDF would come out differently from the same HTML and stylesheet (a change
# to how reports.pdf calls WeasyPrint), so every stored PDF is made again.
RENDERING = "1"


@dataclass(frozen=True)
class Variant:
    """Which PDF of a cycle's report: its version, its language, whether it has the
    workforce figures (people whose role may not see them get a PDF without), and whether
    it compares the scores with other organisations' (chosen by whoever asks for it)."""

    version: str
    language: str
    with_workforce: bool
    with_comparison: bool = False

    @classmethod
    def for_role(
        cls, *, version: str, language: str, role: str, with_comparison: bool = False
    ) -> "Variant":
        workforce = role_can(role, Capability.VIEW_WORKFORCE)
        return cls(version, language, workforce, with_comparison)

    @classmethod
    def of(cls, stored) -> "Variant":
        """The variant a StoredReport row is of."""
        return cls(**{name: getattr(stored, name) for name in cls.__dataclass_fields__})

    def fields(self) -> dict:
        """As the StoredReport fields that name it."""
        return dataclasses.asdict(self)


def downloadable_variants() -> list[Variant]:
    """Every PDF made ahead: each version in each language, with the workforce figures or
    without as the roles that may download see them. A report with the comparison follows
    other organisations' data too, so it is made when someone asks for it."""
    downloaders = roles_with(Capability.DOWNLOAD_REPORT)
    workforce = sorted({role_can(role, Capability.VIEW_WORKFORCE) for role in downloaders})
    return [
        Variant(version, language, with_workforce)
        for version in (FULL, SUMMARY)
        for language, _name in settings.LANGUAGES
        for with_workforce in workforce
    ]


@dataclass(frozen=True)
class Document:
    html: str  # for WeasyPrint
    fingerprint: str


@cache
def _rendering_key() -> bytes:
    """What else decides the PDF: the stylesheet's content (under the plain static storage
    its URL in the HTML stays the same when it changes) and the renderer."""
    try:
        stylesheet = hashlib.sha256(static_file_bytes(STYLESHEET)).hexdigest()
    except FileNotFoundError:  # a broken deploy: PDFs without it, made again once it is back
        logger.error("Board report stylesheet %s not found", STYLESHEET)
        stylesheet = "missing"
    return f"{RENDERING}:{weasyprint.__version__}:{stylesheet}:".encode()


def _html(report: BoardReport, language: str) -> str:
    return render_to_string(
        "reports/report_pdf.html",
        {"report": report, "report_language": language, "service_name": settings.SERVICE_NAME},
    )


def report_document(*, cycle: AssessmentCycle, variant: Variant, dated: bool = True) -> Document:
    """The PDF's HTML and its fingerprint. `dated=False` leaves the date out of the HTML too
    (enough to find the stored PDF, and a little quicker)."""
    with translation.override(variant.language):
        report = board_report(
            cycle=cycle,
            version=variant.version,
            with_workforce=variant.with_workforce,
            with_comparison=variant.with_comparison,
        )
        undated = _html(dataclasses.replace(report, generated_at=None), variant.language)
        html = _html(report, variant.language) if dated else undated
    digest = hashlib.sha256(_rendering_key() + undated.encode()).hexdigest()
    return Document(html=html, fingerprint=digest)
