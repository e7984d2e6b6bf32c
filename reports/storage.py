"""Where the board report PDFs are kept: the "reports" storage (settings.STORAGES).

A folder under MEDIA_ROOT by default, which nothing serves; an S3-compatible bucket or any
other Django storage by configuration (README, "The board report PDFs"). Files are named by
organisation, cycle, variant and fingerprint, so a stored name says what it holds and two
fingerprints never share a file.
"""

import logging

from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage, storages

logger = logging.getLogger(__name__)

STORAGE_ALIAS = "reports"
FOLDER = "board-reports"


def report_storage() -> Storage:
    return storages[STORAGE_ALIAS]


def report_file_name(stored) -> str:
    workforce = "" if stored.with_workforce else "-without-workforce"
    comparison = "-with-comparison" if stored.with_comparison else ""
    return (
        f"{FOLDER}/{stored.cycle.organisation_id}/{stored.cycle_id}/"
        f"{stored.version}-{stored.language}{workforce}{comparison}-{stored.fingerprint}.pdf"
    )


def report_file_save(stored, content: bytes) -> str:
    """Keep `content` as this stored report's file; the name it was kept under."""
    storage, name = report_storage(), report_file_name(stored)
    if storage.exists(name):  # a render tried again: the same fingerprint, the same PDF
        storage.delete(name)
    return storage.save(name, ContentFile(content))


def report_file_open(name: str) -> File | None:
    """The stored file, open for reading; None when it is missing."""
    try:
        return report_storage().open(name, "rb")
    except OSError:
        logger.warning("Board report PDF missing from the reports storage: %s", name)
        return None


def report_file_delete(name: str) -> None:
    if not name:
        return
    try:
        report_storage().delete(name)
    except OSError:
        logger.warning("Could not remove the board report PDF %s", name, exc_info=True)
