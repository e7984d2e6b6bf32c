"""The table of the cache for kept pages (settings.CACHES["kept"], trauma_wales.kept): a
table of its own, so that culling it never throws out the rate limits' counters in the
shared cache's table."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

CACHE_TABLE = "trauma_wales_kept_cache"


def create(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, CACHE_TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("trauma_wales", "0006_audit_redactions")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
