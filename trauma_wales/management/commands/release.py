"""The release step: migrations and the cache table, once, however many start at once.

Run it before starting a new version's web and worker processes (scripts/serve does).
Two `migrate` runs on an empty PostgreSQL database at the same moment both try to create
the same tables and one fails; here each run first takes a PostgreSQL advisory lock, so
the second waits for the first and then finds nothing to do. On SQLite (one machine, one
writer) there is no lock to take.
"""

import logging
import zlib

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

logger = logging.getLogger(__name__)

LOCK_KEY = zlib.crc32(b"trauma_wales.release")  # the same number in every process


class Command(BaseCommand):
    help = "Apply migrations and make the cache table, one process at a time."

    def handle(self, *args, verbosity, **options):
        locked = connection.vendor == "postgresql"
        if locked:
            logger.info("Waiting for the release lock")
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            call_command("migrate", interactive=False, verbosity=verbosity)
            call_command("createcachetable", verbosity=verbosity)
        finally:
            if locked:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        logger.info("Release step done")
