"""The framework's tables take the framework app's name (they were made as assessments_*
and practice_levels_practicelevel, and adopted by 0001_initial), and so do the rows
elsewhere that name these models: content types (so admin history and permissions keep
pointing at them) and audit entries' targets.

Renaming a table keeps its rows, its keys and the foreign keys and many-to-many tables
that point at it, on PostgreSQL and on SQLite.
"""

from django.db import migrations

# model: the app labels it had before, oldest first
FORMER_APPS = {
    "frameworkversion": ("assessments",),
    "domain": ("assessments",),
    "principle": ("assessments",),
    "wayofworking": ("assessments",),
    "wellbeinggoal": ("assessments",),
    "practicelevel": ("practice_levels", "workforce"),
}
NEW_APP = "framework"


def relabel(apps, schema_editor):
    database = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("trauma_wales", "AuditEntry")
    for model, former_apps in FORMER_APPS.items():
        content_types = ContentType.objects.using(database).filter(model=model)
        # The first one made is the one history points at. If the new name has a content
        # type already (made by a migrate that stopped part way), that one is kept.
        former = content_types.filter(app_label__in=former_apps).order_by("pk").first()
        if former is not None and not content_types.filter(app_label=NEW_APP).exists():
            former.app_label = NEW_APP
            former.save(update_fields=["app_label"])
        AuditEntry.objects.using(database).filter(
            target_type__in=[f"{app}.{model}" for app in former_apps]
        ).update(target_type=f"{NEW_APP}.{model}")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("framework", "0001_initial"),
        ("trauma_wales", "0001_initial"),
        # Its many-to-many tables point at these tables by their old names: made first, they
        # are renamed with them. Made after, they would point at names no longer there (it
        # used to come first only by the luck of the order apps were planned in).
        ("action_plans", "0001_initial"),
    ]

    # This relabels audit entries, which the database refuses once trauma_wales/0005 runs.
    run_before = [("trauma_wales", "0005_audit_entries_append_only")]

    operations = [
        migrations.AlterModelTable(name="frameworkversion", table=None),
        migrations.AlterModelTable(name="domain", table=None),
        migrations.AlterModelTable(name="principle", table=None),
        migrations.AlterModelTable(name="practicelevel", table=None),
        migrations.AlterModelTable(name="wayofworking", table=None),
        migrations.AlterModelTable(name="wellbeinggoal", table=None),
        # Backwards, the models keep the framework app's label (it is the code's, not the
        # tables'), so the names stay as they are.
        migrations.RunPython(relabel, migrations.RunPython.noop),
    ]
