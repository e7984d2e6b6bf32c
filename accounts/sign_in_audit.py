"""Record signing in, failed attempts and signing out, from Django's authentication signals.

The house rule is that services write audit entries, not model signals: a model signal
misses bulk writes and does not know who acted. These are different: Django sends them
from `authenticate()`, `login()` and `logout()` with the person, for every way in (our
sign-in page, the platform admin's, and the sign-in after sign-up), which no single view
sees. The receivers only hand over to the services in `accounts.services`.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from accounts import services


def _signed_in(sender, request, user, **kwargs) -> None:
    services.sign_in_record(user=user)


def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    services.sign_in_failure_record(email=str(credentials.get("username") or ""))


def _signed_out(sender, request, user, **kwargs) -> None:
    if user is not None and user.is_authenticated:
        services.sign_out_record(user=user)


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="accounts.audit.signed_in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="accounts.audit.sign_in_failed")
    user_logged_out.connect(_signed_out, dispatch_uid="accounts.audit.signed_out")
