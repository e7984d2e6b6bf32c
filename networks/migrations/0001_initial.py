"""Networks, their coordinators, their member organisations and their case studies."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('assessments', '0017_store_submitted_scores'),
        ('organisations', '0008_load_areas'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Network',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=80, unique=True)),
                ('kind', models.CharField(choices=[('region', 'Regional network'), ('sector', 'Sector network'), ('national', 'National community of practice')], max_length=16)),
                ('name_en', models.CharField(max_length=200, verbose_name='name in English')),
                ('name_cy', models.CharField(max_length=200, verbose_name='name in Welsh')),
                ('description_en', models.TextField(blank=True, verbose_name='description in English')),
                ('description_cy', models.TextField(blank=True, verbose_name='description in Welsh')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'network',
                'verbose_name_plural': 'networks',
                'ordering': ['name_en'],
                'constraints': [models.CheckConstraint(condition=models.Q(('kind__in', ['region', 'sector', 'national'])), name='network_kind_valid')],
            },
        ),
        migrations.CreateModel(
            name='CaseStudy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=150, verbose_name='title')),
                ('what_changed', models.TextField(max_length=2000, verbose_name='what changed')),
                ('what_helped', models.TextField(max_length=2000, verbose_name='what helped')),
                ('named', models.BooleanField(default=False, verbose_name="show our organisation's name")),
                ('highlighted', models.BooleanField(default=False, verbose_name='highlighted by a coordinator')),
                ('published_at', models.DateTimeField(auto_now_add=True)),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='assessments.indicator', verbose_name='indicator')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='case_studies', to='organisations.organisation')),
                ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='case_studies', to='networks.network')),
            ],
            options={
                'verbose_name': 'case study',
                'verbose_name_plural': 'case studies',
                'ordering': ['-highlighted', '-published_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Coordinator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('added_at', models.DateTimeField(auto_now_add=True)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='coordinating', to=settings.AUTH_USER_MODEL)),
                ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='coordinators', to='networks.network')),
            ],
            options={
                'verbose_name': 'coordinator',
                'verbose_name_plural': 'coordinators',
                'constraints': [models.UniqueConstraint(fields=('network', 'user'), name='coordinator_once')],
            },
        ),
        migrations.CreateModel(
            name='NetworkMembership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, help_text='One more with every save through an edit form; a form loaded at an older version is refused (trauma_wales.versions).', verbose_name='version')),
                ('edited_at', models.DateTimeField(blank=True, editable=False, help_text='When the current version was saved (empty before versions were kept).', null=True)),
                ('status', models.CharField(choices=[('invited', 'Invited'), ('joined', 'Joined'), ('declined', 'Declined'), ('left', 'Left')], default='invited', max_length=16)),
                ('shares_figures', models.BooleanField(default=True, verbose_name='share our figures, without our name')),
                ('shares_name', models.BooleanField(default=False, verbose_name='show our name beside our progress')),
                ('invited_at', models.DateTimeField()),
                ('answered_at', models.DateTimeField(blank=True, null=True)),
                ('left_at', models.DateTimeField(blank=True, null=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('edited_by', models.ForeignKey(blank=True, editable=False, help_text='Who saved the current version (empty before versions were kept).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='networks.network')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='network_memberships', to='organisations.organisation')),
            ],
            options={
                'verbose_name': 'network membership',
                'verbose_name_plural': 'network memberships',
                'indexes': [models.Index(fields=['network', 'status'], name='networks_ne_network_de547c_idx')],
                'constraints': [models.UniqueConstraint(fields=('network', 'organisation'), name='network_membership_once'), models.CheckConstraint(condition=models.Q(('status__in', ['invited', 'joined', 'declined', 'left'])), name='network_membership_status_valid')],
            },
        ),
    ]
