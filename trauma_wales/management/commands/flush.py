"""Django's `flush` (empty every table), which must also empty the audit trail.

The database refuses to delete audit entries and their redactions (trauma_wales/
migrations/0005 and 0006). Emptying the whole database is the one exception, and this
command is how it is done: the test suite empties it after each transactional test, and
an operator may reset a copy. On PostgreSQL `flush` sends TRUNCATE, which fires no row
trigger, so nothing changes there. On SQLite it sends DELETE FROM, so the triggers of
those two tables are taken off and put back inside one transaction: they are back before
anything else can write, and if the flush fails they were never gone. No other path
deletes a single entry (docs/adr/0014).
"""

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from trauma_wales.models import AuditEntry, AuditRedaction


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                    "AND tbl_name IN (%s, %s)",
                    [AuditEntry._meta.db_table, AuditRedaction._meta.db_table],
                )
                triggers = cursor.fetchall()
                for name, _sql in triggers:
                    cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
            super().handle(**options)
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
        return None
