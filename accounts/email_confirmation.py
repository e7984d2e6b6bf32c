"""The link that proves a person can read the email address they signed up with.

Until they follow it, the account cannot sign in, so it cannot register an organisation,
invite anyone or see the invitations sent to that address. The token is Django's password
reset token with its own salt, made from the account's confirmation time: it stops working
once used, and after `PASSWORD_RESET_TIMEOUT` (one day).
"""

from urllib.parse import urlencode

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from accounts.models import User
from trauma_wales.ids import parse_id


class EmailConfirmationTokens(PasswordResetTokenGenerator):
    key_salt = "accounts.email_confirmation.EmailConfirmationTokens"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.email}{user.email_confirmed_at}{timestamp}"


email_confirmation_tokens = EmailConfirmationTokens()


def confirmation_url(*, user: User, base_url: str, next_path: str = "") -> str:
    """The full address of `user`'s confirmation page; `next_path` is where to go after."""
    path = reverse(
        "accounts:confirm_email",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": email_confirmation_tokens.make_token(user),
        },
    )
    query = f"?{urlencode({'next': next_path})}" if next_path else ""
    return f"{base_url.rstrip('/')}{path}{query}"


def user_for_confirmation(*, uidb64: str, token: str) -> User | None:
    """The account the link is for, or None when the link is wrong, used or too old."""
    try:
        pk = parse_id(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk).first() if pk is not None else None
    return user if user is not None and email_confirmation_tokens.check_token(user, token) else None
