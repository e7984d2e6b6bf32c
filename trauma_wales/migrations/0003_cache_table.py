"""The table of the shared database cache (settings.CACHES), made by `migrate` so that
no deployment step can forget it. It is the table `createcachetable` would make."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

CACHE_TABLE = "trauma_wales_cache"


def create(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, CACHE_TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("trauma_wales", "0002_outgoing_email")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
