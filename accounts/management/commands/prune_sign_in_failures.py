"""Forget failed sign-in attempts once their lock-out time is over (run daily by
run_schedule). django-axes removes them only when another attempt fails, which may be
never; the privacy notice promises a day at most."""

from django.core.management.base import BaseCommand

from accounts.services import sign_in_failures_prune


class Command(BaseCommand):
    help = "Delete failed sign-in attempts older than the lock-out time (AXES_COOLOFF_TIME)."

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {sign_in_failures_prune()} failed sign-in records.")
