"""The areas of Wales an organisation works in (organisations.models.Area)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0006_deletion_after_grace'),
    ]

    operations = [
        migrations.CreateModel(
            name='Area',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=64, unique=True)),
                ('kind', models.CharField(choices=[('local_authority', 'Local authority area'), ('health_board', 'Health board area'), ('partnership', 'Regional partnership board')], max_length=32)),
                ('name_en', models.CharField(max_length=200)),
                ('name_cy', models.CharField(max_length=200)),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('health_board', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.area')),
                ('partnership', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.area')),
            ],
            options={
                'verbose_name': 'area',
                'verbose_name_plural': 'areas',
                'ordering': ['kind', 'order'],
            },
        ),
        migrations.AddField(
            model_name='organisation',
            name='areas',
            field=models.ManyToManyField(blank=True, limit_choices_to={'kind': 'local_authority'}, related_name='organisations', to='organisations.area', verbose_name='local authority areas it works in'),
        ),
    ]
