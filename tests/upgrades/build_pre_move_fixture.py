"""Build `pre_move_demo.sqlite3.gz` and `pre_move_demo.json`: the demo database as the code
made it just before the framework app and the workforce rename (docs/adr/0009), for
`test_pre_move_database.py`.

    .venv/bin/python tests/upgrades/build_pre_move_fixture.py

It exports that commit's code into a temporary folder, runs its `migrate` and `seed_demo`
(answers, targets, a submitted cycle, an approved plan with delivery history, the
workforce with two counts), adds what the demo does not make but a real database has
(admin history and a group's permissions on the moved models), compacts the file and
records how many rows each table has. Run it only to change the fixture on purpose.
"""

import gzip
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

COMMIT = "47017b9"  # "Add the background-work and operations dependencies, and TASKS"
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURE = HERE / "pre_move_demo.sqlite3.gz"
RECORD = HERE / "pre_move_demo.json"

# Run in that commit's `manage.py shell`: the app was `practice_levels` then, and the
# framework's models were in assessments.
EXTRAS = """
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from accounts.models import User
from assessments.models import Domain
from practice_levels.models import PracticeLevel, StaffGroup

admin = User.objects.create_superuser(email="platform-admin@example.org", full_name="Admin")
for obj in (
    StaffGroup.objects.order_by("pk").first(),
    PracticeLevel.objects.get(code="skilled"),
    Domain.objects.get(code="workforce"),
):
    LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action_flag=CHANGE,
        change_message="[]",
    )
support = Group.objects.create(name="Platform support")
support.permissions.set(Permission.objects.filter(codename__in=[
    "view_staffgroup", "view_practicelevel", "view_domain", "view_frameworkversion"
]))
User.objects.create_user(
    email="support@example.org", full_name="Platform support", is_staff=True
).groups.add(support)
"""


def row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )]  # fmt: skip
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in tables
        }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        code, database = Path(folder) / "code", Path(folder) / "pre_move.sqlite3"
        code.mkdir()
        archive = subprocess.run(  # noqa: S603 (a fixed command)
            ["git", "-C", str(ROOT), "archive", COMMIT],  # noqa: S607
            capture_output=True,
            check=True,
        )
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(code)  # noqa: S202 (our own repository's archive)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "DJANGO_SETTINGS_MODULE": "trauma_wales.settings.local",
        }
        for command in (["migrate", "-v0"], ["seed_demo"], ["shell", "-c", EXTRAS]):
            subprocess.run(  # noqa: S603 (our interpreter, that commit's manage.py)
                [sys.executable, "manage.py", *command],
                cwd=code,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        with sqlite3.connect(database) as connection:
            connection.execute("VACUUM")
        FIXTURE.write_bytes(gzip.compress(database.read_bytes(), compresslevel=9, mtime=0))
        record = {"commit": COMMIT, "rows": row_counts(database)}
        RECORD.write_text(json.dumps(record, indent=2) + "\n")
    print(f"{FIXTURE.name}: {FIXTURE.stat().st_size} bytes; {RECORD.name} written")


if __name__ == "__main__":
    main()
