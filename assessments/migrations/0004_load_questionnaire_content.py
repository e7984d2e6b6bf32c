"""Load the content file again, now that readiness items and indicators have tables."""

from django.db import migrations


def load_content(apps, schema_editor):
    from assessments.content_loader import framework_content_load_all

    framework_content_load_all(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_questionnaire_and_cycles")]

    operations = [migrations.RunPython(load_content, migrations.RunPython.noop)]
