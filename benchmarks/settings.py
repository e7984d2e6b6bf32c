"""Settings for benchmarks/report.py: the test settings, with tasks queued in the database
(so a real `manage.py db_worker` process can take them, as in production) and the kept
PDFs in a throwaway folder (BENCHMARK_MEDIA_ROOT, set by the script)."""

import os
from pathlib import Path

from trauma_wales.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MEDIA_ROOT = Path(os.environ["BENCHMARK_MEDIA_ROOT"])
