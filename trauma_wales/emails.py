"""Emails in each recipient's own language.

Every email the service sends goes through `email_send`: one message per recipient
language, each rendered with that language active. A recipient whose language we do not
know gets both languages in one message, Welsh first (the Welsh Language Standards ask
that Welsh is not treated less favourably, and bilingual mail puts Welsh first).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

LANGUAGES = ("cy", "en")
BOTH = ""
SEPARATOR = "\n\n----------------------------------------\n\n"


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str = BOTH  # "cy", "en", or BOTH when we do not know


def recipient_for(user) -> Recipient:
    return Recipient(email=user.email, language=user.language or BOTH)


def email_render(template: str, context: dict, language: str) -> tuple[str, str]:
    """Subject and body of `<template>_subject.txt` and `<template>.txt` in `language`;
    with BOTH, the Welsh and the English joined, Welsh first."""
    if language in LANGUAGES:
        with translation.override(language):
            subject = render_to_string(f"{template}_subject.txt", context)
            body = render_to_string(f"{template}.txt", context)
        return " ".join(subject.split()), body
    welsh, english = (email_render(template, context, code) for code in LANGUAGES)
    return f"{welsh[0]} / {english[0]}", welsh[1].rstrip() + SEPARATOR + english[1]


def email_send(template: str, context: dict, recipients: Iterable[Recipient]) -> int:
    """Send the email to everyone, each in their language; returns how many were sent."""
    by_language: dict[str, list[str]] = defaultdict(list)
    for recipient in recipients:
        if recipient.email and recipient.email not in by_language[recipient.language]:
            by_language[recipient.language].append(recipient.email)
    sent = 0
    for language, emails in by_language.items():
        subject, body = email_render(template, context, language)
        sent += send_mail(subject=subject, message=body, from_email=None, recipient_list=emails)
    return sent
