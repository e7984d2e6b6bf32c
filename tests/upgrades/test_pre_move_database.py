"""A database made before the framework app and the workforce rename migrates forward with
nothing lost (docs/adr/0009).

`pre_move_demo.sqlite3.gz` is the demo database as commit 47017b9 made it (answers, a
submitted cycle, an approved plan, the workforce with two counts, admin history and a
group's permissions: see build_pre_move_fixture.py), and pre_move_demo.json its rows per
table. A copy is migrated by `manage.py migrate` in a subprocess, as a deployment would.
Then every table has its rows under its new name, the keys point at the renamed tables,
rows that name a model by app label follow it, and the demo's pages render for the lead.

None of it uses the suite's database, so it runs once, not again on the second database;
and the test processes share one migrated copy (the first to need it makes it).
"""

import fcntl
import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.database_independent

HERE = Path(__file__).resolve().parent
RECORD = json.loads((HERE / "pre_move_demo.json").read_text())

MOVED_TABLES = {
    "assessments_frameworkversion": "framework_frameworkversion",
    "assessments_domain": "framework_domain",
    "assessments_principle": "framework_principle",
    "assessments_wayofworking": "framework_wayofworking",
    "assessments_wellbeinggoal": "framework_wellbeinggoal",
    "practice_levels_practicelevel": "framework_practicelevel",
    "practice_levels_staffgroup": "workforce_staffgroup",
    "practice_levels_staffgroupneed": "workforce_staffgroupneed",
    "practice_levels_coveragesnapshot": "workforce_coveragesnapshot",
    "practice_levels_cyclecoverage": "workforce_cyclecoverage",
}
# (old app label, model) -> new app label, for rows that name a model by its app label.
RELABELLED = {
    **{("assessments", model): "framework" for model in (
        "frameworkversion", "domain", "principle", "wayofworking", "wellbeinggoal")},
    ("practice_levels", "practicelevel"): "framework",
    **{("practice_levels", model): "workforce" for model in (
        "staffgroup", "staffgroupneed", "coveragesnapshot", "cyclecoverage")},
}  # fmt: skip
# The content loader runs again after the move (assessments/0008_load_framework_content).
# With today's content file it changes nothing; after an edit to the file it may add or
# retire items (never delete them) and change an indicator's tags, so those tables are
# held to "every row is still there" and the tags to nothing.
CONTENT_ITEMS = {
    *(table for table in MOVED_TABLES.values() if table.startswith("framework_")),
    "assessments_readinesstheme",
    "assessments_readinessitem",
    "assessments_indicator",
}
CONTENT_TAGS = {"assessments_indicator_principles", "assessments_indicator_practice_levels"}
# Tables that gain rows by migrating.
# Tables later changes add rows to: migrations, and permissions for new models (made by
# `migrate` itself). Their old rows must all still be there.
GROWS = {"django_migrations", "auth_permission"}


def _copy_fixture(path: Path) -> Path:
    with gzip.open(HERE / "pre_move_demo.sqlite3.gz") as source, path.open("wb") as target:
        shutil.copyfileobj(source, target)
    return path


def manage(database: Path, *arguments: str) -> subprocess.CompletedProcess:
    """`manage.py` on `database`, in a process of its own (as on a server)."""
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "DJANGO_SETTINGS_MODULE": "trauma_wales.settings.test",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=150,
    )


@pytest.fixture(scope="module")
def before(tmp_path_factory) -> sqlite3.Connection:
    connection = sqlite3.connect(_copy_fixture(tmp_path_factory.mktemp("pre") / "db.sqlite3"))
    yield connection
    connection.close()


def _made_once(tmp_path_factory, name: str, make) -> Path:
    """`make(path)` run by the first test process that needs `name`; the others wait for
    it and share the file (under xdist, the run's temporary directory holds each process's
    own directory; without it, there is only the one process)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    path = shared / name
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            partial = path.with_suffix(".partial")
            make(partial)
            partial.rename(path)
    return path


@pytest.fixture(scope="module")
def migrated_path(tmp_path_factory) -> Path:
    def make(path: Path) -> None:
        _copy_fixture(path)
        result = manage(path, "migrate", "--no-input")
        assert result.returncode == 0, result.stdout + result.stderr

    return _made_once(tmp_path_factory, "pre_move_migrated.sqlite3", make)


@pytest.fixture(scope="module")
def after(migrated_path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{migrated_path}?mode=ro", uri=True)  # shared
    yield connection
    connection.close()


def tables(connection) -> list[str]:
    return [name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )]  # fmt: skip


def columns_of(connection, table: str) -> list[str]:
    return [c[1] for c in connection.execute(f'PRAGMA table_info("{table}")')]


def rows(connection, table: str, columns: list[str] | None = None) -> list[tuple]:
    """The table's rows, sorted; with `columns`, only those (later changes may add columns,
    a version say, and rows are compared on the columns the old database had)."""
    names = ", ".join(f'"{c}"' for c in (columns or columns_of(connection, table)))
    return sorted(connection.execute(f'SELECT {names} FROM "{table}"'), key=repr)  # noqa: S608


def count(connection, table: str) -> int:
    return connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608


def relabel_content_type(row: tuple) -> tuple:
    pk, app_label, model = row
    return pk, RELABELLED.get((app_label, model), app_label), model


def relabel_audit_entry(row: tuple, target_type_at: int) -> tuple:
    app_label, _dot, model = row[target_type_at].partition(".")
    new = RELABELLED.get((app_label, model))
    if new is None:
        return row
    return (*row[:target_type_at], f"{new}.{model}", *row[target_type_at + 1 :])


def test_the_fixture_is_the_recorded_one(before):
    assert {table: count(before, table) for table in tables(before)} == RECORD["rows"]


def test_every_table_keeps_its_rows_under_its_new_name(before, after):
    # Every table is still there under its new name (later changes may add tables).
    assert {MOVED_TABLES.get(t, t) for t in RECORD["rows"]} <= set(tables(after))
    target_type_at = columns_of(before, "trauma_wales_auditentry").index("target_type")
    for old, number in RECORD["rows"].items():
        new = MOVED_TABLES.get(old, old)
        old_columns = columns_of(before, old)
        old_rows, new_rows = rows(before, old), rows(after, new, old_columns)
        if new in GROWS:
            assert set(old_rows) <= set(new_rows), old
        elif new in CONTENT_ITEMS:
            assert {r[0] for r in old_rows} <= {r[0] for r in new_rows}, old
        elif new in CONTENT_TAGS:
            assert new_rows, old
        elif new == "django_content_type":
            assert set(map(relabel_content_type, old_rows)) <= set(new_rows)
        elif new == "trauma_wales_auditentry":
            expected = [relabel_audit_entry(r, target_type_at) for r in old_rows]
            assert new_rows == sorted(expected, key=repr)
        else:
            assert new_rows == old_rows, f"{old} -> {new}"
        assert len(new_rows) >= number


def test_indicators_made_before_first_steps_get_them_in_both_languages(after):
    steps = after.execute(
        "SELECT first_step_en, first_step_cy FROM assessments_indicator WHERE is_active"
    ).fetchall()
    assert len(steps) == 48 and all(en and cy for en, cy in steps)


def test_the_keys_point_at_the_renamed_tables(after):
    assert after.execute("PRAGMA foreign_key_check").fetchall() == []
    schema = "\n".join(sql for (sql,) in after.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table'"
    ))  # fmt: skip
    for old in MOVED_TABLES:
        assert f'"{old}"' not in schema
    references = {
        (table, key[2])
        for table in ("action_plans_action_practice_levels", "assessments_indicator_principles",
                      "workforce_staffgroupneed", "assessments_domaintarget")
        for key in after.execute(f'PRAGMA foreign_key_list("{table}")')
    }  # fmt: skip
    assert {
        ("action_plans_action_practice_levels", "framework_practicelevel"),
        ("assessments_indicator_principles", "framework_principle"),
        ("workforce_staffgroupneed", "framework_practicelevel"),
        ("workforce_staffgroupneed", "workforce_staffgroup"),
        ("assessments_domaintarget", "framework_domain"),
    } <= references


# Reads that cross the moved tables, written once with the table names as placeholders.
READS = {
    "answers": """
        SELECT a.response_id, d.code, i.code, a.score, a.dont_know, a.evidence, a.priority
        FROM assessments_indicatoranswer a
        JOIN assessments_indicator i ON i.id = a.indicator_id
        JOIN {domain} d ON d.id = i.domain_id""",
    "targets": """
        SELECT t.cycle_id, d.code, t.level FROM assessments_domaintarget t
        JOIN {domain} d ON d.id = t.domain_id""",
    "actions' practice levels": """
        SELECT a.description, l.code FROM action_plans_action a
        JOIN action_plans_action_practice_levels m ON m.action_id = a.id
        JOIN {practicelevel} l ON l.id = m.practicelevel_id""",
    "actions' domains and principles": """
        SELECT a.description, d.code, p.code FROM action_plans_action a
        JOIN {domain} d ON d.id = a.domain_id
        JOIN action_plans_action_principles m ON m.action_id = a.id
        JOIN {principle} p ON p.id = m.principle_id""",
    "staff groups' training": """
        SELECT g.organisation_id, g.name, g.headcount, l.code, n.trained, n.counted_on
        FROM {staffgroup} g JOIN {staffgroupneed} n ON n.group_id = g.id
        JOIN {practicelevel} l ON l.id = n.level_id""",
    "coverage kept with the cycle": """
        SELECT c.cycle_id, c.taken_on, c.figures, c.previous_taken_on, c.previous_figures
        FROM {cyclecoverage} c JOIN assessments_assessmentcycle y ON y.id = c.cycle_id
        JOIN {frameworkversion} f ON f.id = y.framework_id""",
    "coverage snapshots": "SELECT organisation_id, taken_on, figures FROM {coveragesnapshot}",
}


def read(connection, sql: str, moved: bool) -> list[tuple]:
    names = {new.partition("_")[2]: new if moved else old for old, new in MOVED_TABLES.items()}
    return sorted(connection.execute(sql.format(**names)), key=repr)


@pytest.mark.parametrize("name", READS)
def test_answers_plans_and_coverage_read_the_same(before, after, name):
    expected = read(before, READS[name], moved=False)
    assert expected  # the demo has some of each
    assert read(after, READS[name], moved=True) == expected


def test_names_by_app_label_follow_the_models(after):
    labels = set(after.execute("SELECT app_label, model FROM django_content_type"))
    assert not {pair for pair in labels if pair in RELABELLED}
    assert {(new, model) for (_old, model), new in RELABELLED.items()} <= labels
    logged = set(after.execute(
        "SELECT t.app_label, t.model FROM django_admin_log e"
        " JOIN django_content_type t ON t.id = e.content_type_id"
    ))  # fmt: skip
    assert logged == {("workforce", "staffgroup"), ("framework", "practicelevel"),
                      ("framework", "domain")}  # fmt: skip
    targets = {t for (t,) in after.execute("SELECT target_type FROM trauma_wales_auditentry")}
    assert "workforce.staffgroup" in targets
    assert not {t for t in targets if t.startswith("practice_levels.")}


def test_audit_entries_keep_the_names_of_their_person_and_organisation(after):
    named = set(after.execute(
        "SELECT e.actor_name, u.full_name, e.organisation_name, o.name"
        " FROM trauma_wales_auditentry e JOIN accounts_user u ON u.id = e.actor_id"
        " LEFT JOIN organisations_organisation o ON o.id = e.organisation_id"
    ))  # fmt: skip
    assert named
    assert all(actor == person and organisation == (name or "")
               for actor, person, organisation, name in named)  # fmt: skip


# Run in the migrated database's `manage.py shell`: the lead's pages, the admin's history
# and the support group's permissions, printed as JSON.
PAGES = """
import json
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from accounts.models import User
from assessments.models import AssessmentCycle

lead = User.objects.get(email="lead@example.org")
cycle = AssessmentCycle.objects.get(organisation__memberships__user=lead, action_plan__isnull=False)
org, plan = cycle.organisation, cycle.action_plan
action = plan.actions.filter(practice_levels__isnull=False).first()
group = org.staff_groups.get(name="Housing officers")
in_cycle = [org.slug, cycle.pk]
pages = {
    "overview": reverse("organisations:overview", args=[org.slug]),
    "cycles": reverse("assessments:list", args=[org.slug]),
    "hub": reverse("assessments:hub", args=in_cycle),
    "results": reverse("assessments:results", args=in_cycle),
    "plan": reverse("plans:plan", args=in_cycle),
    "action": reverse("plans:action", args=[*in_cycle, action.pk]),
    "report": reverse("reports:report", args=in_cycle),
    "workforce": reverse("workforce:coverage", args=[org.slug]),
    "training": reverse("workforce:training", args=[org.slug, group.pk]),
    "framework": reverse("framework:index"),
    "domain": reverse("framework:domain", args=["workforce"]),
    "practice level": reverse("framework:practice_level", args=["skilled"]),
}
client = Client()
client.force_login(lead)
found = {}
for name, url in pages.items():
    response = client.get(url)
    found[name] = [response.status_code, response.content.decode()]
admin = Client()
admin.force_login(User.objects.get(email="platform-admin@example.org"))
for name in ("admin:index", "admin:framework_practicelevel_changelist"):
    found[name] = [admin.get(reverse(name)).status_code, ""]
print(json.dumps({
    "pages": found,
    "action levels": sorted(level.name_en for level in action.practice_levels.all()),
    "edited": sorted(str(entry.get_edited_object()) for entry in LogEntry.objects.all()),
    "support": sorted(User.objects.get(email="support@example.org").get_all_permissions()),
}))
"""


@pytest.fixture(scope="module")
def shown(tmp_path_factory, migrated_path) -> dict:
    def make(path: Path) -> None:
        copy = path.with_name("pre_move_shown.sqlite3")  # the pages may write sessions
        shutil.copyfile(migrated_path, copy)
        result = manage(copy, "shell", "-c", PAGES)
        assert result.returncode == 0, result.stdout + result.stderr
        path.write_text(result.stdout.strip().splitlines()[-1])

    return json.loads(_made_once(tmp_path_factory, "pre_move_shown.json", make).read_text())


def test_the_demo_pages_render_for_the_lead(shown):
    statuses = {name: status for name, (status, _html) in shown["pages"].items()}
    assert statuses == dict.fromkeys(statuses, 200)
    pages = {name: html for name, (_status, html) in shown["pages"].items()}
    assert "Housing officers" in pages["workforce"]
    assert "of the training people need at their practice level is done" in pages["report"]
    assert shown["action levels"]
    for level in shown["action levels"]:
        assert level in pages["action"]
    assert "In the self-assessment" in pages["practice level"]


def test_admin_history_and_permissions_follow_the_models(shown):
    assert shown["edited"] == sorted(
        ["Customer contact and reception", "Trauma-skilled", "Workforce development and wellbeing"]
    )
    assert shown["support"] == [
        "framework.view_domain",
        "framework.view_frameworkversion",
        "framework.view_practicelevel",
        "workforce.view_staffgroup",
    ]
