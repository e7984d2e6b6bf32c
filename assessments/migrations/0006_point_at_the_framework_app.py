"""The framework's models moved to the framework app (framework/0001_initial adopted their
tables): the questionnaire and cycle fields that point at them point there now. Only
Django's record changes; the columns, keys and many-to-many tables stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0005_status_change_base'),
        ('framework', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='assessmentcycle',
                    name='framework',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cycles', to='framework.frameworkversion'),
                ),
                migrations.AlterField(
                    model_name='domaintarget',
                    name='domain',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='framework.domain'),
                ),
                migrations.AlterField(
                    model_name='indicator',
                    name='domain',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='indicators', to='framework.domain'),
                ),
                migrations.AlterField(
                    model_name='indicator',
                    name='framework',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='indicators', to='framework.frameworkversion'),
                ),
                migrations.AlterField(
                    model_name='indicator',
                    name='practice_levels',
                    field=models.ManyToManyField(related_name='indicators', to='framework.practicelevel'),
                ),
                migrations.AlterField(
                    model_name='indicator',
                    name='principles',
                    field=models.ManyToManyField(related_name='indicators', to='framework.principle'),
                ),
                migrations.AlterField(
                    model_name='readinessitem',
                    name='framework',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='readiness_items', to='framework.frameworkversion'),
                ),
                migrations.AlterField(
                    model_name='readinesstheme',
                    name='framework',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='readiness_themes', to='framework.frameworkversion'),
                ),
            ],
        ),
    ]
