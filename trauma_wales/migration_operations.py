"""Operations our migrations share (kept outside the migrations package so that each
migration imports the same one)."""

from django.db import migrations


class RunSQLOn(migrations.RunSQL):
    """`RunSQL` for one database vendor; on any other it does nothing."""

    def __init__(self, vendor: str, *args, **kwargs):
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, *args], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def cache_table(table: str) -> migrations.RunPython:
    """Make (and on reverse drop) a database cache table, as `createcachetable` would."""
    from django.core.management.commands.createcachetable import Command as CreateCacheTable

    def create(apps, schema_editor):
        command = CreateCacheTable()
        command.verbosity = 0
        command.create_table(schema_editor.connection.alias, table, dry_run=False)

    def drop(apps, schema_editor):
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(table)}")

    return migrations.RunPython(create, drop, elidable=False)
