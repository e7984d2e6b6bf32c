"""Writes that create or change accounts, and the record of signing in and out.

Signing in, a failed attempt and signing out are recorded from Django's authentication
signals (`accounts.sign_in_audit`), which fire for every way in: our sign-in page, the
platform admin's, and the sign-in that follows sign-up. A failed attempt keeps the email
only when it is an account's, so nothing a stranger types is stored.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.email_confirmation import confirmation_url
from accounts.lookups import email_is
from accounts.models import Language, User
from trauma_wales.audit import audit_record, audit_redact_person
from trauma_wales.emails import Recipient, email_send

EMAIL_MAX_LENGTH = 254
CLOSED_EMAIL = "closed-{pk}@closed.invalid"  # unique, and no mail can reach it


def user_create(
    *,
    email: str,
    full_name: str,
    password: str | None,
    email_confirmed: bool,
    language: str = "",
) -> User:
    """Create an account. A `None` password leaves it unusable until the person sets one.

    `email_confirmed` is True only when whoever creates it vouches for the address (the
    demo data); otherwise the person confirms it by following an emailed link, or by
    setting their password from a reset link. `language` is the language the person signed
    up in, kept for their pages and emails.
    """
    language = language if language in Language.values else ""
    with transaction.atomic():
        user = User.objects.create_user(
            email=email,
            password=password,
            full_name=full_name,
            language=language,
            email_confirmed_at=timezone.now() if email_confirmed else None,
        )
        audit_record(action="user.created", actor=user, target=user, details={"language": language})
    return user


def user_sign_up(
    *,
    email: str,
    full_name: str,
    password: str,
    language: str,
    base_url: str,
    next_path: str = "",
    send_email: bool = True,
) -> None:
    """Someone asked for an account. The page they see next is the same whatever happens
    here, so it never tells a stranger whether an address has an account: a new address
    gets an unconfirmed account and a link to confirm it; an address that already has one
    gets an email saying so (with a new link if it was never confirmed). `send_email` is
    False when the address has had as many account emails as it may (the rate limits)."""
    existing = User.objects.filter(email_is(email)).first()
    if existing is None:
        user = user_create(
            email=email,
            full_name=full_name,
            password=password,
            email_confirmed=False,
            language=language,
        )
        if send_email:
            confirmation_send(user=user, base_url=base_url, next_path=next_path)
        return
    if not send_email:
        return
    if not existing.has_confirmed_email:
        confirmation_send(user=existing, base_url=base_url, next_path=next_path)
        return
    email_send(
        "accounts/emails/account_exists",
        {"user": existing, "base_url": base_url.rstrip("/")},
        [Recipient(existing.email, existing.language or language)],
    )


def confirmation_send(*, user: User, base_url: str, next_path: str = "") -> None:
    """Email `user` a link that confirms their address (a new one each time)."""
    email_send(
        "accounts/emails/confirm_email",
        {
            "user": user,
            "confirm_url": confirmation_url(user=user, base_url=base_url, next_path=next_path),
        },
        [Recipient(user.email, user.language)],
    )


def user_email_confirm(*, user: User) -> bool:
    """Record that the person can read their email (a confirmation or password reset link
    reached them). True when it was not confirmed before."""
    now = timezone.now()
    with transaction.atomic():
        updated = User.objects.filter(pk=user.pk, email_confirmed_at__isnull=True).update(
            email_confirmed_at=now
        )
        if updated:
            user.email_confirmed_at = now
            audit_record(action="user.email_confirmed", actor=user, target=user)
    return bool(updated)


def user_language_set(*, user: User, language: str) -> bool:
    """Remember the language someone chose; True when it changed. Unknown codes are ignored."""
    if language not in Language.values or user.language == language:
        return False
    with transaction.atomic():
        previous = user.language
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language
        audit_record(
            action="user.language_changed",
            actor=user,
            target=user,
            details={"changed": {"language": [previous, language]}},
        )
    return True


def sign_in_record(*, user: User) -> None:
    audit_record(action="user.signed_in", actor=user, target=user)


def sign_in_failure_record(*, email: str) -> None:
    """A sign-in that failed. The email is kept only when it belongs to an account (then
    the account is the entry's target); anything else typed is not stored."""
    email = (email or "").strip()
    user = (
        User.objects.filter(email_is(email)).first() if 0 < len(email) <= EMAIL_MAX_LENGTH else None
    )
    audit_record(
        action="user.sign_in_failed",
        target=user,
        details={"email": user.email} if user is not None else {},
    )


def personal_data_download_record(*, user: User) -> None:
    """The person downloaded what the service holds about them."""
    audit_record(action="user.data_downloaded", actor=user, target=user)


def sign_in_failures_prune() -> int:
    """Delete django-axes's records of failed sign-ins whose lock-out time has passed (they
    hold the email address tried, the network address and the browser). Returns how many."""
    threshold = timezone.now() - settings.AXES_COOLOFF_TIME
    deleted, _ = AccessAttempt.objects.filter(attempt_time__lt=threshold).delete()
    return deleted


def sign_out_record(*, user: User) -> None:
    audit_record(action="user.signed_out", actor=user, target=user)


def password_change_record(*, user: User, reset: bool) -> None:
    """The person changed their password (`reset`: through an emailed link). The password
    itself is never recorded."""
    audit_record(
        action="user.password_reset" if reset else "user.password_changed",
        actor=user,
        target=user,
    )


def user_close(*, user: User) -> None:
    """Close an account, inside the caller's transaction (organisations.services
    `account_close` first ends the person's memberships).

    Their name and email address go: from the account (which stays, so what they wrote
    for an organisation still has an author, shown as "a former member"), from every audit
    entry, and from django-axes's records of sign-ins. The password is made unusable, which
    also ends every session they have. The closing is recorded without their name."""
    names = [user.full_name, user.email]
    audit_redact_person(person_id=user.pk, names=names, reason="user.closed")
    for record in (AccessAttempt, AccessFailureLog, AccessLog):
        record.objects.filter(username__iexact=user.email).delete()
    user.full_name = ""
    user.email = CLOSED_EMAIL.format(pk=user.pk)
    user.set_unusable_password()
    user.is_active = False
    user.email_confirmed_at = None
    user.closed_at = timezone.now()
    user.save()
    audit_record(action="user.closed", target=user)
