"""Load the feedback statements from the framework content files.

The assessments migrations load the rest of each file; they ran before this app's table
existed, so the loader skipped the statements then. On a database loaded since, it finds
nothing to change.
"""

from django.db import migrations


def load_content(apps, schema_editor):
    from assessments.content_loader import framework_content_load_all

    framework_content_load_all(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("voices", "0001_feedback_rounds")]

    operations = [migrations.RunPython(load_content, migrations.RunPython.noop)]
