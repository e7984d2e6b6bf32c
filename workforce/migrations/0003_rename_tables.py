"""The app was `practice_levels` until it became `workforce` (docs/adr/0009). Its tables
take the new name, and so do the rows elsewhere that name its models: content types (so
admin history and permissions keep pointing at them) and audit entries' targets.

Renaming a table keeps its rows, its keys and the foreign keys that point at it, on
PostgreSQL and on SQLite. The practice level keeps its table for now: it moves to the
framework app next, and its table is renamed then.
"""

from django.db import migrations

MODELS = ("practicelevel", "staffgroup", "staffgroupneed", "coveragesnapshot", "cyclecoverage")
OLD_APP, NEW_APP = "practice_levels", "workforce"


def relabel(apps, schema_editor):
    database = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("trauma_wales", "AuditEntry")
    content_types = ContentType.objects.using(database)
    # If the new name has a content type already (made by a migrate that stopped part
    # way), that one is kept and the old one left alone.
    taken = content_types.filter(app_label=NEW_APP, model__in=MODELS).values_list(
        "model", flat=True
    )
    content_types.filter(app_label=OLD_APP, model__in=MODELS).exclude(
        model__in=list(taken)
    ).update(app_label=NEW_APP)
    for model in MODELS:
        AuditEntry.objects.using(database).filter(target_type=f"{OLD_APP}.{model}").update(
            target_type=f"{NEW_APP}.{model}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("trauma_wales", "0001_initial"),
        ("workforce", "0002_workforce"),
    ]

    # This relabels audit entries, which the database refuses once trauma_wales/0005 runs.
    run_before = [("trauma_wales", "0005_audit_entries_append_only")]

    operations = [
        migrations.AlterModelTable(name="staffgroup", table=None),
        migrations.AlterModelTable(name="staffgroupneed", table=None),
        migrations.AlterModelTable(name="coveragesnapshot", table=None),
        migrations.AlterModelTable(name="cyclecoverage", table=None),
        # Backwards, the models keep the workforce label (it is the code's, not the
        # tables'), so the names stay as they are.
        migrations.RunPython(relabel, migrations.RunPython.noop),
    ]
