"""Password rules of our own, beside Django's (settings: AUTH_PASSWORD_VALIDATORS)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class NotOnlySpacesValidator:
    """Ten spaces pass the length rule; they are not a password."""

    def validate(self, password, user=None):
        if password and not password.strip():
            raise ValidationError(
                _("Your password cannot be only spaces. Choose one with letters or numbers."),
                code="password_only_spaces",
            )

    def get_help_text(self):
        return _("Your password cannot be only spaces.")
