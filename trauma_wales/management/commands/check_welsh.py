"""Fail when any Welsh is missing: the catalogue, its freshness, and the content file."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from trauma_wales.welsh_checks import (
    catalogue_gaps,
    catalogue_staleness,
    compiled_gaps,
    content_gaps,
)


class Command(BaseCommand):
    help = "Check that every message and every framework content text has its Welsh."

    def handle(self, *args, **options):
        problems = catalogue_gaps() + compiled_gaps() + catalogue_staleness() + content_gaps()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(
                _("%(count)d Welsh texts need attention.") % {"count": len(problems)}
            )
        self.stdout.write(self.style.SUCCESS(_("Every message and content text has its Welsh.")))
