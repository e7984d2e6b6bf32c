"""A person's language: remembered on their account, applied when they sign in.

The language switcher and sign-up store the choice (`accounts.services`); signing in
puts it back on the browser through Django's language cookie, so every page after
sign-in, on any device, is in the language the person chose.
"""

from django.conf import settings
from django.utils import translation


def language_cookie_set(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def user_language_apply(response, user):
    """After sign-in: switch this browser to the person's language, when they have one."""
    if user.language:
        translation.activate(user.language)
        language_cookie_set(response, user.language)
    return response
