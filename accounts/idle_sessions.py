"""Signing people out after two hours without using the service.

The session lasts `SESSION_COOKIE_AGE` (two hours) from when it was last saved. Saving it
on every request would write to the database on every page, so a signed-in person's
session is saved again only once `SESSION_IDLE_RENEW_AFTER` has passed since the last time
(or since signing in, which saves it anyway): two hours after someone stops, whatever they
were doing, they are signed out.
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in

RENEWED_AT = "renewed_at"


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(RENEWED_AT, 0) >= settings.SESSION_IDLE_RENEW_AFTER:
                request.session[RENEWED_AT] = now  # saved, with a new expiry, after the view
        return self.get_response(request)


def _renewed_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[RENEWED_AT] = int(time.time())


def connect() -> None:
    user_logged_in.connect(_renewed_at_sign_in, dispatch_uid="idle-sessions")
