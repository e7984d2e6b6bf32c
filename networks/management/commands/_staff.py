"""The platform staff account a network command acts as (`--by`), for the audit trail."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from accounts.lookups import email_is


def staff_named(email: str):
    person = get_user_model().objects.filter(email_is(email), is_staff=True).first()
    if person is None:
        raise CommandError(
            _("No platform staff account for %(email)s: --by names the staff member acting.")
            % {"email": email}
        )
    return person
