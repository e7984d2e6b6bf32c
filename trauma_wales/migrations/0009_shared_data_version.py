"""A counter for data shared beyond one organisation (trauma_wales.kept)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('trauma_wales', '0008_audit_latest_change_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='SharedDataVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.SlugField(max_length=64, unique=True)),
                ('number', models.PositiveBigIntegerField(default=0)),
            ],
        ),
    ]
