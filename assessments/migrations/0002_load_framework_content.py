"""Load the framework content files, so that `migrate` alone gives a usable database."""

from django.db import migrations


def load_content(apps, schema_editor):
    from assessments.content_loader import framework_content_load_all

    framework_content_load_all(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("workforce", "0001_initial"),
    ]

    operations = [migrations.RunPython(load_content, migrations.RunPython.noop)]
