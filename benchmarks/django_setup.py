"""Django for the benchmark scripts: test settings and a throwaway SQLite database (unless
DATABASE_URL names another), set up once however many scripts import this."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trauma_wales.settings.test")
_database_dir = tempfile.TemporaryDirectory()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_database_dir.name}/benchmark.sqlite3")

import django  # noqa: E402

django.setup()
