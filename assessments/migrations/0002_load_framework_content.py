"""Loaded the framework content files here, before the framework app existed.

The loader now works on the framework app's models, which do not exist yet at this point,
so the content loads in 0008_load_framework_content instead (docs/adr/0009). A database
that ran this step before has its content already; 0008 finds nothing to change there.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("workforce", "0001_initial"),
    ]

    operations = []
