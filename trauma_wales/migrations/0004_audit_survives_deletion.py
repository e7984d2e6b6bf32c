"""Audit entries outlive what they describe (docs/adr/0014).

The organisation and the person become ids without a foreign key constraint
(`DO_NOTHING`): deleting an organisation used to delete its history (CASCADE), and
`SET_NULL` would have to update entries, which the next migration forbids. Each entry
also keeps the names as they are now, filled in here for the entries already made;
nothing else in them changes.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

LABEL_MAX_LENGTH = 200


def copy_names(apps, schema_editor):
    database = schema_editor.connection.alias
    AuditEntry = apps.get_model("trauma_wales", "AuditEntry")
    Organisation = apps.get_model("organisations", "Organisation")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    entries = AuditEntry.objects.using(database)
    organisation_ids = entries.exclude(organisation_id=None).values("organisation_id")
    for organisation_id, name in Organisation.objects.using(database).filter(
        pk__in=organisation_ids
    ).values_list("pk", "name"):
        entries.filter(organisation_id=organisation_id).update(
            organisation_name=name[:LABEL_MAX_LENGTH]
        )
    actor_ids = entries.exclude(actor_id=None).values("actor_id")
    for actor_id, full_name, email in User.objects.using(database).filter(
        pk__in=actor_ids
    ).values_list("pk", "full_name", "email"):
        entries.filter(actor_id=actor_id).update(
            actor_name=(full_name or email)[:LABEL_MAX_LENGTH]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_invitation_language"),
        ("trauma_wales", "0003_cache_table"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="audit_entries",
                to="organisations.organisation",
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="actor_name",
            field=models.CharField(blank=True, max_length=LABEL_MAX_LENGTH),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="organisation_name",
            field=models.CharField(blank=True, max_length=LABEL_MAX_LENGTH),
        ),
        migrations.RunPython(copy_names, migrations.RunPython.noop),
    ]
