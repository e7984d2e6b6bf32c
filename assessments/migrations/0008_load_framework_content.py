"""Load the framework content files, so that `migrate` alone gives a usable database.

The loader works on the models as they are now (the framework's in the framework app), so
it runs here, after the move, rather than in 0002 and 0004, which loaded it before the
framework app existed. On a database loaded then, it finds nothing to change.
"""

from django.db import migrations


def load_content(apps, schema_editor):
    from assessments.content_loader import framework_content_load_all

    framework_content_load_all(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0007_framework_models_moved_out"),
        ("framework", "0002_rename_tables"),
    ]

    operations = [migrations.RunPython(load_content, migrations.RunPython.noop)]
