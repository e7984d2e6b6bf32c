"""Forget sent and given-up emails after a while (run daily by run_schedule)."""

from django.core.management.base import BaseCommand

from trauma_wales.emails import emails_prune


class Command(BaseCommand):
    help = "Delete the records of emails sent or given up more than --days days ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days, **options):
        self.stdout.write(f"Deleted {emails_prune(days=days)} email records.")
