"""Platform staff: take in an organisation's information, the JSON file a lead downloaded
from another instance of the service (reports.organisation_import).

Prints what was imported, table by table, and what was left out and why; a document this
instance cannot take is refused with the reason, and nothing is written.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.organisation_import import (
    ImportRefused,
    organisation_document_read,
    organisation_import,
)


class Command(BaseCommand):
    help = "Import an organisation's information (the JSON file a lead downloads)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The downloaded JSON file")
        parser.add_argument(
            "--slug", default=None, help="Its web address name here, when its own is taken"
        )

    def handle(self, *args, path, slug, **options):
        try:
            report = organisation_import(document=organisation_document_read(path), slug=slug)
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        first, *rest = report.lines()
        self.stdout.write(self.style.SUCCESS(first))
        for line in rest:
            self.stdout.write(line)
