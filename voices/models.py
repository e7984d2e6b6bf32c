"""Voices: anonymous feedback from the people who use an organisation's services and from
the staff, volunteers and partners closest to them, gathered in feedback rounds.

A lead opens a round for an assessment cycle: who it asks, until when, and which of the
framework's plain-language statements (content, loaded from the framework's content file
like the rest) it asks about. Anyone with the round's link answers without an account.

Anonymous by design: a response keeps no account, no network address, no browser and no
time finer than the day it arrived; a comment is kept apart from the answers it came with,
so it cannot be tied to them, and only after anything that looks like a name, an email
address or a phone number has been masked (voices.masking): what was typed is never
stored. Figures are shown only for groups of at least `MIN_GROUP` answers
(voices.selectors).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trauma_wales.bilingual import localised_property
from trauma_wales.versions import Versioned

MIN_GROUP = 5  # answers a figure rests on before it is shown
COMMENT_MAX_LENGTH = 1000
SUPPORT_MAX_LENGTH = 2000
RESPONSES_MAX = 5000
TOKEN_BYTES = 12


class StatementSet(models.TextChoices):
    """Whom a statement is written for."""

    PEOPLE = "people", _("People who use our services")
    STAFF = "staff", _("Staff, volunteers and partners")


class Audience(models.TextChoices):
    PEOPLE = "people", _("People who use our services")
    STAFF = "staff", _("Frontline staff")
    VOLUNTEERS = "volunteers", _("Volunteers")
    PARTNERS = "partners", _("Partners who work with us")

    @property
    def statement_set(self) -> str:
        return StatementSet.PEOPLE if self == Audience.PEOPLE else StatementSet.STAFF


class FeedbackStatement(models.Model):
    """A short statement a person agrees or disagrees with, in standard and easy-read
    wording, mapped to the domain areas and principles it speaks to, with an action an
    organisation could take when many disagree. Framework content: never edited here."""

    framework = models.ForeignKey(
        "framework.FrameworkVersion", on_delete=models.PROTECT, related_name="feedback_statements"
    )
    code = models.SlugField(max_length=64)
    order = models.PositiveSmallIntegerField()
    audience = models.CharField(max_length=16, choices=StatementSet.choices)
    text_en = models.TextField()
    text_cy = models.TextField(blank=True)
    easy_read_en = models.TextField(blank=True)
    easy_read_cy = models.TextField(blank=True)
    action_en = models.TextField(blank=True)
    action_cy = models.TextField(blank=True)
    domains = models.ManyToManyField("framework.Domain", related_name="feedback_statements")
    principles = models.ManyToManyField("framework.Principle", related_name="feedback_statements")
    is_active = models.BooleanField(default=True)

    text = localised_property("text")
    easy_read = localised_property("easy_read")
    action = localised_property("action")

    class Meta:
        ordering = ["audience", "order"]
        verbose_name = _("feedback statement")
        verbose_name_plural = _("feedback statements")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="feedbackstatement_code_unique_in_framework"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text_en[:60]}"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class FeedbackRound(Versioned):
    """One round of asking: its audience, closing date, statements and link. The lead can
    change the closing date, the limit and the support text later (versioned); the
    statements stay as they were opened, so every answer is to the same questions."""

    cycle = models.ForeignKey(
        "assessments.AssessmentCycle", on_delete=models.CASCADE, related_name="feedback_rounds"
    )
    audience = models.CharField(_("who we are asking"), max_length=16, choices=Audience.choices)
    closes_on = models.DateField(_("closing date"))
    closed_on = models.DateField(null=True, blank=True, help_text="Closed early by a lead.")
    max_responses = models.PositiveIntegerField(_("most responses to accept"), default=300)
    support_en = models.TextField(_("where to find support (English)"))
    support_cy = models.TextField(_("where to find support (Welsh)"))
    statements = models.ManyToManyField(FeedbackStatement, related_name="+")
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    support = localised_property("support")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_responses__gte=1, max_responses__lte=RESPONSES_MAX),
                name="feedbackround_max_responses_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.audience} until {self.closes_on}"

    @property
    def is_open(self) -> bool:
        """Open until a lead closes it, or until the end of its closing date (the same rule
        as `open_condition`, for a round already read)."""
        return self.closed_on is None and timezone.localdate() <= self.closes_on

    @staticmethod
    def open_condition() -> models.Q:
        """`is_open` as a query condition: rounds open today."""
        return models.Q(closed_on__isnull=True, closes_on__gte=timezone.localdate())

    @property
    def is_full(self) -> bool:
        """No room for another response (one query)."""
        return self.responses.count() >= self.max_responses

    @property
    def ended_on(self):
        """The day it closed, once it has."""
        if self.closed_on is not None:
            return self.closed_on
        return None if self.is_open else self.closes_on

    @property
    def statement_set(self) -> str:
        return Audience(self.audience).statement_set

    @property
    def is_for_people(self) -> bool:
        """Asks people who use the services (rather than staff, volunteers or partners)."""
        return self.audience == Audience.PEOPLE


class FeedbackResponse(models.Model):
    """One person's answers. Nothing here says who they are, or when beyond the day."""

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="responses")
    received_on = models.DateField()
    language = models.CharField(max_length=2)

    class Meta:
        indexes = [models.Index(fields=["round", "received_on"])]

    def __str__(self) -> str:
        return f"response to round {self.round_id} on {self.received_on}"


class Agreement(models.TextChoices):
    AGREE = "agree", _("Agree")
    NOT_SURE = "not_sure", _("Not sure")
    DISAGREE = "disagree", _("Disagree")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class FeedbackAnswer(models.Model):
    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(FeedbackStatement, on_delete=models.PROTECT, related_name="+")
    value = models.CharField(max_length=16, choices=Agreement.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "statement"], name="one_feedback_answer_per_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=Agreement.values), name="feedbackanswer_value_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.value}"


class CommentDecision(models.TextChoices):
    WAITING = "waiting", _("Not read yet")
    INCLUDED = "included", _("Included")
    LEFT_OUT = "left_out", _("Left out")


class FeedbackComment(models.Model):
    """A comment, masked before it was stored, kept apart from the answers it came with.
    Shown beyond the round's own page only once a lead has chosen to include it."""

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField()
    received_on = models.DateField()
    language = models.CharField(max_length=2)
    decision = models.CharField(
        max_length=16, choices=CommentDecision.choices, default=CommentDecision.WAITING
    )

    class Meta:
        # Alphabetical within a day, so the order does not tell when each arrived.
        ordering = ["received_on", "text", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_included(self) -> bool:
        return self.decision == CommentDecision.INCLUDED

    @property
    def is_left_out(self) -> bool:
        return self.decision == CommentDecision.LEFT_OUT
