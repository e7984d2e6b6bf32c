"""Wales's 22 local authority areas, 7 health board areas and 7 regional partnership
boards (organisations.area_data), each local authority area with its health board and
regional partnership board. Loaded by code, so running it again changes nothing."""

from django.db import migrations

from organisations.area_data import areas_load


def load(apps, schema_editor):
    areas_load(apps.get_model("organisations", "Area"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0007_areas")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
