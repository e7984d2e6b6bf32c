"""Action plans carry a version of their review steps (trauma_wales.versions): every
existing plan starts at 1, and a decision taken on a page loaded before the plan moved on
is refused."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('action_plans', '0004_action_versions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='actionplan',
            name='edited_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When the current version was saved (empty before versions were kept).', null=True),
        ),
        migrations.AddField(
            model_name='actionplan',
            name='edited_by',
            field=models.ForeignKey(blank=True, editable=False, help_text='Who saved the current version (empty before versions were kept).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='actionplan',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='One more with every save through an edit form; a form loaded at an older version is refused (trauma_wales.versions).', verbose_name='version'),
        ),
    ]
