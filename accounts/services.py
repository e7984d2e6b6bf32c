"""Writes that create or change accounts."""

from django.db import transaction

from accounts.models import Language, User
from trauma_wales.audit import audit_record


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
