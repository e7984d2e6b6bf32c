"""Consensus sessions: when the working group met, who took part, and what it agreed (or
not yet) for each indicator it discussed."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0014_domain_reflections"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ConsensusSession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1,
                        editable=False,
                        help_text="One more with every save through an edit form; a form loaded at an older version is refused (trauma_wales.versions).",
                        verbose_name="version",
                    ),
                ),
                (
                    "edited_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        help_text="When the current version was saved (empty before versions were kept).",
                        null=True,
                    ),
                ),
                ("held_on", models.DateField(verbose_name="date of the session")),
                ("guests", models.JSONField(blank=True, default=dict)),
                (
                    "guest_names",
                    models.TextField(blank=True, verbose_name="names of people without an account"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "cycle",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sessions",
                        to="assessments.assessmentcycle",
                    ),
                ),
                (
                    "edited_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        help_text="Who saved the current version (empty before versions were kept).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "members",
                    models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="members",
                    ),
                ),
            ],
            options={
                "ordering": ["held_on", "pk"],
            },
        ),
        migrations.CreateModel(
            name="SessionItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=[("agreed", "Agreed"), ("not_agreed", "Not agreed yet")],
                        max_length=16,
                    ),
                ),
                ("score", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("not_applicable", models.BooleanField(default=False)),
                ("reason", models.TextField(blank=True, verbose_name="why we agreed it")),
                ("actions", models.TextField(blank=True, verbose_name="actions to consider")),
                ("recorded_at", models.DateTimeField(auto_now=True)),
                (
                    "indicator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="assessments.indicator",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="assessments.consensussession",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("session", "indicator"), name="session_item_once"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("score__isnull", True), ("score__lte", 4), _connector="OR"
                        ),
                        name="session_item_score_in_range",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("outcome", "agreed"),
                                models.Q(
                                    models.Q(("score__isnull", False), ("not_applicable", False)),
                                    models.Q(("score__isnull", True), ("not_applicable", True)),
                                    _connector="OR",
                                ),
                            ),
                            models.Q(
                                ("outcome", "not_agreed"),
                                ("score__isnull", True),
                                ("not_applicable", False),
                            ),
                            _connector="OR",
                        ),
                        name="session_item_agreed_has_one_answer",
                    ),
                ],
            },
        ),
    ]
