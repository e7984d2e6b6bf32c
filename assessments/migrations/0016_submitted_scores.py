"""Where submitted cycles' findings are stored (assessments.models.submitted)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0015_consensus_sessions'),
        ('framework', '0002_rename_tables'),
        ('organisations', '0006_deletion_after_grace'),
    ]

    operations = [
        migrations.CreateModel(
            name='SubmittedDomainScore',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('domain_code', models.SlugField(max_length=64)),
                ('percentage', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('answered', models.PositiveIntegerField()),
                ('applicable', models.PositiveIntegerField()),
                ('submitted_on', models.DateField()),
                ('is_latest', models.BooleanField(default=True)),
                ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='submitted_scores', to='assessments.assessmentcycle')),
                ('domain', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='framework.domain')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.organisation')),
            ],
            options={
                'indexes': [models.Index(condition=models.Q(('is_latest', True)), fields=['organisation', 'domain_code'], name='submitted_score_latest')],
                'constraints': [models.UniqueConstraint(fields=('cycle', 'domain'), name='submitted_score_once'), models.CheckConstraint(condition=models.Q(('percentage__lte', 100)), name='submitted_score_in_range')],
            },
        ),
        migrations.CreateModel(
            name='SubmittedFocus',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('indicator_code', models.SlugField(max_length=64)),
                ('is_latest', models.BooleanField(default=True)),
                ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='submitted_focus', to='assessments.assessmentcycle')),
                ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='assessments.indicator')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.organisation')),
            ],
            options={
                'indexes': [models.Index(condition=models.Q(('is_latest', True)), fields=['organisation'], name='submitted_focus_latest')],
                'constraints': [models.UniqueConstraint(fields=('cycle', 'indicator'), name='submitted_focus_once')],
            },
        ),
    ]
