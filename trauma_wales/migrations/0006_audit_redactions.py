"""Redactions: the one change the database lets an audit entry take (docs/adr/0014).

When someone closes their account, their name and email address come out of the entries
others keep. An entry may then change in `actor_name` and `details` only, and only to the
values that a row of the new, append-only redaction table holds for it. Every other
UPDATE, and every DELETE, is still refused, on PostgreSQL and on SQLite, and the
redaction rows themselves can be neither changed nor deleted, so each change to the trail
stays on record.
"""

from django.db import migrations, models

from trauma_wales.migration_operations import RunSQLOn

ENTRIES, REDACTIONS = "trauma_wales_auditentry", "trauma_wales_auditredaction"
TRIGGER_NAMES = {ENTRIES: "trauma_wales_audit_entry", REDACTIONS: "trauma_wales_audit_redaction"}
REFUSED = "Audit entries cannot be changed or deleted"

# Everything but the name and the details stays as it was, and a redaction allows exactly
# the new name and details. `IS NOT DISTINCT FROM` (PostgreSQL) and `IS` (SQLite) compare
# ids that may be empty.
POSTGRESQL_ALLOWED = f"""
    NEW.id = OLD.id AND NEW.action = OLD.action AND NEW.target_type = OLD.target_type
    AND NEW.target_id = OLD.target_id AND NEW.created_at = OLD.created_at
    AND NEW.organisation_name = OLD.organisation_name
    AND NEW.organisation_id IS NOT DISTINCT FROM OLD.organisation_id
    AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
    AND EXISTS (SELECT 1 FROM {REDACTIONS} r WHERE r.entry_id = OLD.id
                AND r.actor_name = NEW.actor_name AND r.details = NEW.details)"""
SQLITE_ALLOWED = f"""
    NEW.id = OLD.id AND NEW.action = OLD.action AND NEW.target_type = OLD.target_type
    AND NEW.target_id = OLD.target_id AND NEW.created_at = OLD.created_at
    AND NEW.organisation_name = OLD.organisation_name
    AND NEW.organisation_id IS OLD.organisation_id AND NEW.actor_id IS OLD.actor_id
    AND EXISTS (SELECT 1 FROM {REDACTIONS} r WHERE r.entry_id = OLD.id
                AND r.actor_name = NEW.actor_name AND r.details = NEW.details)"""

POSTGRESQL_REFUSE = f"""
    RAISE EXCEPTION '{REFUSED} (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';"""
POSTGRESQL_CREATE = f"""
CREATE OR REPLACE FUNCTION trauma_wales_audit_entry_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND {POSTGRESQL_ALLOWED} THEN
        RETURN NEW;
    END IF;{POSTGRESQL_REFUSE}
END;
$$;
CREATE FUNCTION trauma_wales_audit_redaction_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN{POSTGRESQL_REFUSE}
END;
$$;
CREATE TRIGGER trauma_wales_audit_redaction_append_only
    BEFORE UPDATE OR DELETE ON {REDACTIONS}
    FOR EACH ROW EXECUTE FUNCTION trauma_wales_audit_redaction_refuse_change();
"""
POSTGRESQL_DROP = f"""
DROP TRIGGER IF EXISTS trauma_wales_audit_redaction_append_only ON {REDACTIONS};
DROP FUNCTION IF EXISTS trauma_wales_audit_redaction_refuse_change();
CREATE OR REPLACE FUNCTION trauma_wales_audit_entry_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN{POSTGRESQL_REFUSE}
END;
$$;
"""


def _sqlite_refuse(table: str, operation: str, when: str = "") -> str:
    name = TRIGGER_NAMES[table]
    return (
        f"CREATE TRIGGER {name}_no_{operation.lower()} BEFORE {operation} ON {table} {when}"
        f"BEGIN SELECT RAISE(ABORT, '{REFUSED} ({operation})'); END;"
    )


SQLITE_CREATE = [
    "DROP TRIGGER IF EXISTS trauma_wales_audit_entry_no_update;",
    _sqlite_refuse(ENTRIES, "UPDATE", f"WHEN NOT ({SQLITE_ALLOWED}) "),
    _sqlite_refuse(REDACTIONS, "UPDATE"),
    _sqlite_refuse(REDACTIONS, "DELETE"),
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS trauma_wales_audit_redaction_no_update;",
    "DROP TRIGGER IF EXISTS trauma_wales_audit_redaction_no_delete;",
    "DROP TRIGGER IF EXISTS trauma_wales_audit_entry_no_update;",
    _sqlite_refuse(ENTRIES, "UPDATE"),
]


class Migration(migrations.Migration):
    dependencies = [("trauma_wales", "0005_audit_entries_append_only")]

    operations = [
        migrations.CreateModel(
            name="AuditRedaction",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("entry_id", models.BigIntegerField(db_index=True)),
                ("actor_name", models.CharField(blank=True, max_length=200)),
                ("details", models.JSONField(blank=True, default=dict)),
                ("reason", models.CharField(max_length=100)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "verbose_name": "audit redaction",
                "verbose_name_plural": "audit redactions",
                "ordering": ["-created_at", "-id"],
            },
        ),
        RunSQLOn("postgresql", POSTGRESQL_CREATE, POSTGRESQL_DROP),
        RunSQLOn("sqlite", SQLITE_CREATE, SQLITE_DROP),
    ]
