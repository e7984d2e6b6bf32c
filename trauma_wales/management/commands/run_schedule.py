"""The daily jobs, in one command for cron or a systemd timer (README, "Operating it").

Every job may run on several machines at once and more than once a day: the overdue
digest records each person's digest for the day before sending it (at most one per
person per day), and the others only delete what is old. So the schedule needs no lock
and no leader; run it from every machine that runs the app, or from one. A job that fails
is logged and the others still run; the command then exits with an error, for cron's mail
or the timer's status.
"""

import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend

from trauma_wales.request_id import request_id_bound

logger = logging.getLogger(__name__)


def daily_jobs() -> list[list[str]]:
    """Each job as a management command line (settings.SCHEDULE_DAILY); the task results
    are pruned only where the tasks are kept in the database."""
    jobs = [list(job) for job in settings.SCHEDULE_DAILY]
    if not isinstance(task_backends["default"], DatabaseBackend):
        jobs = [job for job in jobs if job[0] != "prune_db_task_results"]
    return jobs


class Command(BaseCommand):
    help = "Run the daily jobs: overdue digests, expired sessions, old task results and emails."

    def handle(self, *args, **options):
        failed = []
        for job in daily_jobs():
            with request_id_bound(f"schedule-{job[0]}"):
                started = time.monotonic()
                try:
                    call_command(*job, stdout=self.stdout, stderr=self.stderr)
                except Exception:  # one broken job must not stop the others
                    logger.exception("Scheduled job %s failed", " ".join(job))
                    failed.append(job[0])
                    continue
                logger.info("Scheduled job %s done in %.1f s", " ".join(job),
                            time.monotonic() - started)  # fmt: skip
        if failed:
            raise CommandError(f"Scheduled jobs failed: {', '.join(failed)} (see the log).")
