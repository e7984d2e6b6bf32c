"""Reflections per domain area of a cycle: what the group is proud of, learned and heard
from people with lived experience, for the board report to open with."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0013_not_applicable_with_reason'),
        ('framework', '0002_rename_tables'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DomainReflection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, help_text='One more with every save through an edit form; a form loaded at an older version is refused (trauma_wales.versions).', verbose_name='version')),
                ('edited_at', models.DateTimeField(blank=True, editable=False, help_text='When the current version was saved (empty before versions were kept).', null=True)),
                ('proud', models.TextField(blank=True, verbose_name='What are you proud of?')),
                ('learned', models.TextField(blank=True, verbose_name='What did you learn?')),
                ('heard', models.TextField(blank=True, verbose_name='What did people with lived experience tell you?')),
                ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reflections', to='assessments.assessmentcycle')),
                ('domain', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='framework.domain')),
                ('edited_by', models.ForeignKey(blank=True, editable=False, help_text='Who saved the current version (empty before versions were kept).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('cycle', 'domain'), name='reflection_once_per_domain')],
            },
        ),
    ]
