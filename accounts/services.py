"""Writes that create or change accounts, and the record of signing in and out.

Signing in, a failed attempt and signing out are recorded from Django's authentication
signals (`accounts.sign_in_audit`), which fire for every way in: our sign-in page, the
platform admin's, and the sign-in that follows sign-up. A failed attempt keeps the email
only when it is an account's, so nothing a stranger types is stored.
"""

from django.db import transaction

from accounts.models import Language, User
from trauma_wales.audit import audit_record

EMAIL_MAX_LENGTH = 254


def user_create(*, email: str, full_name: str, password: str | None, language: str = "") -> User:
    """Create an account. A `None` password leaves it unusable until the person sets one.

    `language` is the language the person signed up in, kept for their pages and emails.
    """
    language = language if language in Language.values else ""
    with transaction.atomic():
        user = User.objects.create_user(
            email=email, password=password, full_name=full_name, language=language
        )
        audit_record(action="user.created", actor=user, target=user, details={"language": language})
    return user


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
        User.objects.filter(email__iexact=email).first()
        if 0 < len(email) <= EMAIL_MAX_LENGTH
        else None
    )
    audit_record(
        action="user.sign_in_failed",
        target=user,
        details={"email": user.email} if user is not None else {},
    )


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
