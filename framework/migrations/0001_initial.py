"""The framework's models were made by the assessments and practice_levels (now workforce)
apps; this app adopts them where they are. The operations change only Django's record of
the models (state): the tables, their rows and every key stay as they were, under their
old names, until 0002_rename_tables renames them.

A database made before the move and a new one both reach this point with the tables in
place: this migration depends on the ones that made them. The apps whose models point at
the framework re-point them next (assessments/0006, workforce/0004, action_plans/0002),
and assessments and workforce then forget their copies (assessments/0007, workforce/0004).
"""

import django.db.models.deletion
from django.db import migrations, models


def item_fields(related_name, *extra):
    """The fields of a framework item (framework.models.FrameworkItem), then its own."""
    return [
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('code', models.SlugField(max_length=64)),
        ('order', models.PositiveSmallIntegerField()),
        ('name_en', models.CharField(max_length=200)),
        ('name_cy', models.CharField(blank=True, max_length=200)),
        ('summary_en', models.TextField(blank=True)),
        ('summary_cy', models.TextField(blank=True)),
        ('description_en', models.TextField(blank=True)),
        ('description_cy', models.TextField(blank=True)),
        ('is_active', models.BooleanField(default=True, help_text='False once the item is no longer in its content file.')),
        *extra,
        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name=related_name, to='framework.frameworkversion')),
    ]


def item_options(model_name, verbose_name, verbose_name_plural, db_table):
    return {
        'verbose_name': verbose_name,
        'verbose_name_plural': verbose_name_plural,
        'ordering': ['framework', 'order'],
        'abstract': False,
        'constraints': [models.UniqueConstraint(fields=('framework', 'code'), name=f'{model_name}_code_unique_in_framework')],
        'db_table': db_table,
    }


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('assessments', '0005_status_change_base'),
        ('workforce', '0003_rename_tables'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='FrameworkVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=64, unique=True)),
                        ('title_en', models.CharField(max_length=300)),
                        ('title_cy', models.CharField(blank=True, max_length=300)),
                        ('short_title_en', models.CharField(max_length=120)),
                        ('short_title_cy', models.CharField(blank=True, max_length=120)),
                        ('summary_en', models.TextField(blank=True)),
                        ('summary_cy', models.TextField(blank=True)),
                        ('published', models.DateField()),
                        ('source_file', models.CharField(max_length=200)),
                        ('content_hash', models.CharField(help_text='SHA-256 of the loaded file.', max_length=64)),
                        ('loaded_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'verbose_name': 'framework version',
                        'verbose_name_plural': 'framework versions',
                        'ordering': ['-published', '-id'],
                        'db_table': 'assessments_frameworkversion',
                    },
                ),
                migrations.CreateModel(
                    name='Domain',
                    fields=item_fields('domains', ('examples', models.JSONField(blank=True, default=list))),
                    options=item_options('domain', 'domain', 'domains', 'assessments_domain'),
                ),
                migrations.CreateModel(
                    name='Principle',
                    fields=item_fields('principles', ('in_practice', models.JSONField(blank=True, default=list))),
                    options=item_options('principle', 'principle', 'principles', 'assessments_principle'),
                ),
                migrations.CreateModel(
                    name='PracticeLevel',
                    fields=item_fields(
                        'practice_levels',
                        ('audience_en', models.TextField(blank=True)),
                        ('audience_cy', models.TextField(blank=True)),
                        ('good_practice', models.JSONField(blank=True, default=list)),
                    ),
                    options=item_options('practicelevel', 'practice level', 'practice levels', 'practice_levels_practicelevel'),
                ),
                migrations.CreateModel(
                    name='WayOfWorking',
                    fields=item_fields('ways_of_working'),
                    options=item_options('wayofworking', 'way of working', 'ways of working', 'assessments_wayofworking'),
                ),
                migrations.CreateModel(
                    name='WellbeingGoal',
                    fields=item_fields('wellbeing_goals'),
                    options=item_options('wellbeinggoal', 'well-being goal', 'well-being goals', 'assessments_wellbeinggoal'),
                ),
            ],
        ),
    ]
