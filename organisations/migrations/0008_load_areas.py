"""Wales's 22 local authority areas, 7 health board areas and 7 regional partnership
boards (organisations.area_data), each local authority area with its health board and
regional partnership board. Loaded by code, so running it again changes nothing."""

from django.db import migrations

from organisations.area_data import HEALTH_BOARDS, LOCAL_AUTHORITIES, PARTNERSHIPS


def load(apps, schema_editor):
    area = apps.get_model("organisations", "Area")

    def keep(code, **values):
        return area.objects.update_or_create(code=code, defaults=values)[0]

    boards = {
        code: keep(code, kind="health_board", name_en=en, name_cy=cy, order=order)
        for order, (code, en, cy) in enumerate(HEALTH_BOARDS)
    }
    partnerships = {
        code: keep(code, kind="partnership", name_en=en, name_cy=cy, order=order)
        for order, (code, en, cy) in enumerate(PARTNERSHIPS)
    }
    for order, (code, en, cy, board, partnership) in enumerate(LOCAL_AUTHORITIES):
        keep(
            code, kind="local_authority", name_en=en, name_cy=cy, order=order,
            health_board=boards[board], partnership=partnerships[partnership],
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("organisations", "0007_areas")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
