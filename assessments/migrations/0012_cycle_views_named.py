"""A lead chooses per cycle whether colleagues' views are shown with names; existing
cycles become anonymous (the safer reading of views already given)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0011_indicator_first_step"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessmentcycle",
            name="views_named",
            field=models.BooleanField(
                default=False, verbose_name="colleagues' views are shown with their names"
            ),
        ),
    ]
