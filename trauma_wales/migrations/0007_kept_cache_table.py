"""The table of the cache for kept pages (settings.CACHES["kept"], trauma_wales.kept): a
table of its own, so that culling it never throws out the rate limits' counters in the
shared cache's table."""

from django.db import migrations

from trauma_wales.migration_operations import cache_table


class Migration(migrations.Migration):
    dependencies = [("trauma_wales", "0006_audit_redactions")]

    operations = [cache_table("trauma_wales_kept_cache")]
