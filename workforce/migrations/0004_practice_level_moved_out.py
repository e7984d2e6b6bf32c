"""The practice level moved to the framework app (framework/0001_initial adopted its
table): a training need points at the framework's practice level, and this app forgets its
copy. State only: the column and its key stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0006_point_at_the_framework_app'),
        ('framework', '0001_initial'),
        ('workforce', '0003_rename_tables'),
    ]

    # This app's practice level points at assessments' framework version: it goes first.
    run_before = [
        ('assessments', '0007_framework_models_moved_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='staffgroupneed',
                    name='level',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='framework.practicelevel'),
                ),
                migrations.DeleteModel(name='PracticeLevel'),
            ],
        ),
    ]
