"""Each indicator gets a first step (English and Welsh), the first draft of the action the
plan suggests when the indicator is rated low; the content file is loaded again so that a
database made before this has the steps too."""

from django.db import migrations, models


def load_content(apps, schema_editor):
    from assessments.content_loader import framework_content_load_all

    framework_content_load_all(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0010_contributor_finished_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="first_step_cy",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="indicator",
            name="first_step_en",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(load_content, migrations.RunPython.noop),
    ]
