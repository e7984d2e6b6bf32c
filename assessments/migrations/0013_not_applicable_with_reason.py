"""Not applicable, with a reason: an indicator or readiness item that does not apply to
an organisation is left out of its scores and listed with why."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0012_cycle_views_named'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='readinessanswer',
            name='readiness_value_valid',
        ),
        migrations.AddField(
            model_name='indicatoranswer',
            name='not_applicable',
            field=models.BooleanField(default=False),
        ),
        migrations.AlterField(
            model_name='readinessanswer',
            name='value',
            field=models.CharField(blank=True, choices=[('yes', 'Yes'), ('partly', 'Partly'), ('not_yet', 'Not yet'), ('dont_know', "Don't know"), ('not_applicable', 'Not applicable')], max_length=16),
        ),
        migrations.AddConstraint(
            model_name='indicatoranswer',
            constraint=models.CheckConstraint(condition=models.Q(('not_applicable', False), models.Q(('dont_know', False), ('priority', False), ('score__isnull', True)), _connector='OR'), name='indicator_not_applicable_alone'),
        ),
        migrations.AddConstraint(
            model_name='indicatoranswer',
            constraint=models.CheckConstraint(condition=models.Q(('evidence', ''), ('not_applicable', True), _negated=True), name='indicator_not_applicable_has_reason'),
        ),
        migrations.AddConstraint(
            model_name='readinessanswer',
            constraint=models.CheckConstraint(condition=models.Q(('value__in', ['yes', 'partly', 'not_yet', 'dont_know', 'not_applicable', ''])), name='readiness_value_valid'),
        ),
        migrations.AddConstraint(
            model_name='readinessanswer',
            constraint=models.CheckConstraint(condition=models.Q(('note', ''), ('value', 'not_applicable'), _negated=True), name='readiness_not_applicable_has_reason'),
        ),
    ]
