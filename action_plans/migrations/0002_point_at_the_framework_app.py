"""The framework's models moved to the framework app (framework/0001_initial adopted their
tables): an action's domain, principles, practice levels and ways of working point there
now. State only: the columns, keys and many-to-many tables stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('action_plans', '0001_initial'),
        ('framework', '0001_initial'),
    ]

    # The apps below forget their copies of these models only after this points away.
    run_before = [
        ('assessments', '0007_framework_models_moved_out'),
        ('workforce', '0004_practice_level_moved_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='action',
                    name='domain',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='framework.domain'),
                ),
                migrations.AlterField(
                    model_name='action',
                    name='practice_levels',
                    field=models.ManyToManyField(blank=True, related_name='+', to='framework.practicelevel'),
                ),
                migrations.AlterField(
                    model_name='action',
                    name='principles',
                    field=models.ManyToManyField(blank=True, related_name='+', to='framework.principle'),
                ),
                migrations.AlterField(
                    model_name='action',
                    name='ways_of_working',
                    field=models.ManyToManyField(blank=True, related_name='+', to='framework.wayofworking'),
                ),
            ],
        ),
    ]
