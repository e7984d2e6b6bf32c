"""Forget this app's copies of the framework's models, now the framework app's (state only:
the tables are the framework app's, renamed by framework/0002_rename_tables). Every field
that pointed at them points at the framework app's models first: this app's in 0006,
the workforce's and action plans' in migrations that say they run before this one."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0006_point_at_the_framework_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Domain'),
                migrations.DeleteModel(name='Principle'),
                migrations.DeleteModel(name='WayOfWorking'),
                migrations.DeleteModel(name='WellbeingGoal'),
                migrations.DeleteModel(name='FrameworkVersion'),
            ],
        ),
    ]
