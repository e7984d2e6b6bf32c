"""List what changed in the Welsh since the last review by a qualified translator."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from trauma_wales.welsh_checks import REVIEW_MARKER, changes_since, last_review


class Command(BaseCommand):
    help = "List catalogue messages and content texts changed since a review (a git commit)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            default=None,
            help="A git commit. Default: the one named in locale/cy/LAST_REVIEW.",
        )

    def handle(self, *args, since, **options):
        since = since or last_review()
        lines = changes_since(since)
        for line in lines:
            self.stdout.write(line)
        if since:
            summary = _("%(count)d texts to review since %(since)s.")
        else:
            summary = _("No review is recorded yet (%(marker)s): all %(count)d texts need one.")
        self.stdout.write(
            summary % {"count": len(lines), "since": since, "marker": REVIEW_MARKER.name}
        )
