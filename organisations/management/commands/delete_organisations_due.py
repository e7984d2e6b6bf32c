"""Delete the organisations whose leads asked for it once their grace period has passed
(run daily by run_schedule; safe to run again). Each deletion is recorded and every
member is emailed."""

from django.core.management.base import BaseCommand

from organisations.services import organisations_delete_due


class Command(BaseCommand):
    help = "Delete organisations whose deletion day has come (ORGANISATION_DELETION_GRACE_DAYS)."

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {organisations_delete_due()} organisations.")
