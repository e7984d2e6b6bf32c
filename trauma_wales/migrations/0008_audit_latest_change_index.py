"""An index of the audit entries that record a change (not a download or an export), newest
first per organisation: kept pages ask for the latest change on every request
(trauma_wales.kept), and the index of every entry made that question walk past each
download taken since."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0006_deletion_after_grace'),
        ('trauma_wales', '0007_kept_cache_table'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='auditentry',
            index=models.Index(condition=models.Q(models.Q(('action__endswith', '.downloaded'), _negated=True), models.Q(('action__endswith', '.exported'), _negated=True)), fields=['organisation', '-created_at', '-id'], name='audit_latest_change'),
        ),
    ]
