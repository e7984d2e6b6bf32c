"""The table of the shared database cache (settings.CACHES), made by `migrate` so that
no deployment step can forget it. It is the table `createcachetable` would make."""

from django.db import migrations

from trauma_wales.migration_operations import cache_table


class Migration(migrations.Migration):
    dependencies = [("trauma_wales", "0002_outgoing_email")]

    operations = [cache_table("trauma_wales_cache")]
