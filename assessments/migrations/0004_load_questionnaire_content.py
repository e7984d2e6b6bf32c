"""Loaded the content file again here, once readiness items and indicators had tables.

Like 0002, it now leaves the loading to 0008_load_framework_content, after the framework's
models moved to the framework app (docs/adr/0009).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_questionnaire_and_cycles")]

    operations = []
