"""The database refuses to change or delete an audit entry (docs/adr/0014).

A trigger on each database we run on: PostgreSQL (production) and SQLite (the default for
running it yourself). Any UPDATE or DELETE of a row fails, whoever sends it: the code, a
queryset `.update()`, or someone at a database prompt. Adding entries is untouched.

Emptying the whole database is still possible: PostgreSQL's TRUNCATE (what Django's
`flush` sends there) fires no row trigger, and on SQLite the `flush` command
(trauma_wales/management/commands/flush.py) takes these triggers off for the length of its
own transaction and puts them back.

Migrations that updated entries (framework/0002 and workforce/0003 renamed the target
types) run before this one (`run_before` in each). A later migration that remakes the
table on SQLite (as Django does to alter a column there) drops these triggers with the old
table, and must create them again: tests/test_audit_trail.py fails until it does.
"""

from django.db import migrations

from trauma_wales.migration_operations import RunSQLOn

TABLE = "trauma_wales_auditentry"

POSTGRESQL_CREATE = f"""
CREATE FUNCTION trauma_wales_audit_entry_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Audit entries cannot be changed or deleted (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER trauma_wales_audit_entry_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION trauma_wales_audit_entry_refuse_change();
"""
POSTGRESQL_DROP = f"""
DROP TRIGGER IF EXISTS trauma_wales_audit_entry_append_only ON {TABLE};
DROP FUNCTION IF EXISTS trauma_wales_audit_entry_refuse_change();
"""

SQLITE_CREATE = [
    f"""CREATE TRIGGER trauma_wales_audit_entry_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'Audit entries cannot be changed or deleted (UPDATE)'); END;""",
    f"""CREATE TRIGGER trauma_wales_audit_entry_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'Audit entries cannot be changed or deleted (DELETE)'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS trauma_wales_audit_entry_no_update;",
    "DROP TRIGGER IF EXISTS trauma_wales_audit_entry_no_delete;",
]


class Migration(migrations.Migration):
    dependencies = [("trauma_wales", "0004_audit_survives_deletion")]

    operations = [
        RunSQLOn("postgresql", POSTGRESQL_CREATE, POSTGRESQL_DROP),
        RunSQLOn("sqlite", SQLITE_CREATE, SQLITE_DROP),
    ]
