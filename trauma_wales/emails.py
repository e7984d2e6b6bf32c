"""Emails in each recipient's own language, sent in the background.

Every email the service sends goes through `email_send`: one message per recipient
language, each rendered with that language active. A recipient whose language we do not
know gets both languages in one message, Welsh first (the Welsh Language Standards ask
that Welsh is not treated less favourably, and bilingual mail puts Welsh first).

`email_send` writes each message as an `OutgoingEmail` in the caller's transaction and,
once that commits, queues the `email_deliver` task for it; the task worker talks to the
mail server, never a web request, so a slow or broken mail server cannot hang or break a
page. A failed attempt is tried again later (`EMAIL_RETRY_DELAYS`), each failure logged;
after the last the email is marked as not sent, logged at ERROR and audited, and the
page of what it was about says so (docs/adr/0010).

Data the service makes for itself (the demo organisations) goes through the same services
inside `emails_not_sent()`, so that nobody is emailed about it.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from trauma_wales.audit import audit_record
from trauma_wales.models import EmailStatus, OutgoingEmail
from trauma_wales.request_id import request_id_bound

LANGUAGES = ("cy", "en")
BOTH = ""
SEPARATOR = "\n\n----------------------------------------\n\n"
ERROR_LENGTH = OutgoingEmail._meta.get_field("last_error").max_length or 500

logger = logging.getLogger(__name__)

_NOT_SENT: ContextVar[bool] = ContextVar("emails_not_sent", default=False)


@contextmanager
def emails_not_sent() -> Iterator[None]:
    """Within it, `email_send` writes and queues nothing."""
    token = _NOT_SENT.set(True)
    try:
        yield
    finally:
        _NOT_SENT.reset(token)


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str = BOTH  # "cy", "en", or BOTH when we do not know


def recipient_for(user) -> Recipient:
    return Recipient(email=user.email, language=user.language or BOTH)


def subject_line(text: str) -> str:
    """One line, whatever the names in it hold: a line break in a subject would end the
    header (Django refuses to send it), so every run of white space becomes one space."""
    return " ".join(text.split())


def email_render(template: str, context: dict, language: str) -> tuple[str, str]:
    """Subject and body of `<template>_subject.txt` and `<template>.txt` in `language`;
    with BOTH, the Welsh and the English joined, Welsh first."""
    if language in LANGUAGES:
        with translation.override(language):
            subject = render_to_string(f"{template}_subject.txt", context)
            body = render_to_string(f"{template}.txt", context)
        return subject_line(subject), body
    welsh, english = (email_render(template, context, code) for code in LANGUAGES)
    return subject_line(f"{welsh[0]} / {english[0]}"), welsh[1].rstrip() + SEPARATOR + english[1]


def email_send(
    template: str,
    context: dict,
    recipients: Iterable[Recipient],
    *,
    about: models.Model | None = None,
    organisation=None,
) -> int:
    """Queue the email for everyone, each in their language, to be sent once the caller's
    transaction commits; returns how many messages were queued. `about` is the thing the
    email is about, whose page may show whether it went (`email_status_annotations`)."""
    if _NOT_SENT.get():
        return 0
    by_language: dict[str, list[str]] = defaultdict(list)
    for recipient in recipients:
        if recipient.email and recipient.email not in by_language[recipient.language]:
            by_language[recipient.language].append(recipient.email)
    for language, emails in by_language.items():
        subject, body = email_render(template, context, language)
        email = OutgoingEmail.objects.create(
            organisation=organisation,
            template=template,
            language=language,
            to=emails,
            subject=subject,
            body=body,
            about_type=about._meta.label_lower if about is not None else "",
            about_id=str(about.pk) if about is not None else "",
        )
        transaction.on_commit(partial(_enqueue, email.pk), robust=True)
    return len(by_language)


def _enqueue(email_id: int, run_after=None) -> None:
    deliver = email_deliver
    if run_after is not None and deliver.get_backend().supports_defer:
        deliver = deliver.using(run_after=run_after)
    deliver.enqueue(email_id)


# Someone is usually waiting for an email (an invitation, a password reset): the worker
# takes these before the board reports it makes ahead of time.
EMAIL_PRIORITY = 50


@task(priority=EMAIL_PRIORITY)
def email_deliver(email_id: int) -> str:
    """Send one queued email (the task worker runs this); what happened, for the task's
    result."""
    with request_id_bound(f"email-{email_id}"):
        email = OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.QUEUED).first()
        if email is None:
            return "nothing to send"
        attempt = email.attempts + 1
        try:
            EmailMessage(subject=email.subject, body=email.body, to=email.to).send()
        except Exception as error:  # any failure of the mail server or the network
            return _attempt_failed(email, attempt, f"{type(error).__name__}: {error}")
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=EmailStatus.SENT,
            attempts=attempt,
            sent_at=timezone.now(),
            body="",
            next_attempt_at=None,
        )
        logger.info("Email %s (%s) sent on attempt %d", email.pk, email.template, attempt)
        return "sent"


def _attempt_failed(email: OutgoingEmail, attempt: int, error: str) -> str:
    delays = settings.EMAIL_RETRY_DELAYS
    error = error[:ERROR_LENGTH]
    emails = OutgoingEmail.objects.filter(pk=email.pk)
    if attempt <= len(delays):
        run_after = timezone.now() + timedelta(seconds=delays[attempt - 1])
        emails.update(attempts=attempt, last_error=error, next_attempt_at=run_after)
        logger.warning(
            "Email %s (%s) not sent, attempt %d of %d: %s. Trying again at %s.",
            email.pk, email.template, attempt, len(delays) + 1, error, run_after.isoformat(),
        )  # fmt: skip
        _enqueue(email.pk, run_after)
        return "retrying"
    with transaction.atomic():
        emails.update(
            status=EmailStatus.FAILED,
            attempts=attempt,
            last_error=error,
            body="",
            next_attempt_at=None,
        )
        audit_record(
            action="email.not_sent",
            organisation=email.organisation,
            target=email,
            details={"template": email.template, "attempts": attempt, "error": error,
                     "about": f"{email.about_type}:{email.about_id}".strip(":")},
        )  # fmt: skip
    logger.error(
        "Email %s (%s) could not be sent after %d attempts, giving up: %s",
        email.pk, email.template, attempt, error,
    )  # fmt: skip
    return "failed"


def email_status_annotations(model: type[models.Model]) -> dict[str, models.Subquery]:
    """Annotations for a queryset of `model`: the status and attempts of the latest email
    about each row ("queued", "sent", "failed", or None when none was recorded)."""
    latest = OutgoingEmail.objects.filter(
        about_type=model._meta.label_lower,
        about_id=Cast(models.OuterRef("pk"), models.CharField()),
    ).order_by("-created_at", "-id")
    return {
        "email_status": models.Subquery(latest.values("status")[:1]),
        "email_attempts": models.Subquery(latest.values("attempts")[:1]),
    }


def emails_prune(*, days: int) -> int:
    """Forget emails older than `days` that are no longer on their way; returns how many."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _by_model = (
        OutgoingEmail.objects.filter(created_at__lt=cutoff)
        .exclude(status=EmailStatus.QUEUED)
        .delete()
    )
    return deleted
