"""Load framework content files. Idempotent: run it as often as you like."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assessments.content_loader import (
    ContentFileError,
    content_files,
    framework_content_load,
)


class Command(BaseCommand):
    help = "Load the framework content files (all of them, or the paths given)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="Content files (default: all)")

    def handle(self, *args, paths, **options):
        for path in paths or content_files():
            if not path.exists():
                raise CommandError(_("No such file: %(path)s") % {"path": path})
            try:
                report = framework_content_load(path=path)
            except ContentFileError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(str(report))
