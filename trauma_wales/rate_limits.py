"""How often one network address, one email address or one person may make the service
send an email. Without limits anyone could use our address to send invitations, account
emails or password resets to strangers, as often as they liked. And how often anonymous
answers may arrive at one feedback round's link, from one address and in all, so nobody
can flood a round with made-up answers.

Counted in the shared cache by django-ratelimit (the database cache, or Redis when
`CACHE_URL` names one), so every web process sees the same counts. Guessing passwords is
limited separately, per account, by django-axes (`AXES_*` in the settings).

Each limit says what is counted and how many are allowed in the window; the message a
person sees when they reach one lives with the view that checks it.
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


@dataclass(frozen=True)
class Limit:
    group: str
    rate: str  # django-ratelimit's "count/period": "3/h", "30/h", "3/d"

    @property
    def count(self) -> int:
        """How many are allowed in the window, for the messages that say so."""
        return int(self.rate.split("/")[0])


# New accounts asked for from one network address.
SIGN_UPS_PER_NETWORK = Limit("sign-ups-per-network", "10/h")
# Confirmation links, "you already have an account" and password reset emails to one
# address, together: whoever asks, an address gets at most this many account emails.
ACCOUNT_EMAILS_PER_ADDRESS = Limit("account-emails-per-address", "3/h")
# Password resets asked for from one network address, whatever the addresses.
PASSWORD_RESETS_PER_NETWORK = Limit("password-resets-per-network", "10/h")
# Wrong passwords from one network address, for any email addresses. django-axes locks one
# address after ten; this stops one network trying a few passwords on many addresses,
# high enough that an office sharing one address is not stopped by its own mistakes.
FAILED_SIGN_INS_PER_NETWORK = Limit("failed-sign-ins-per-network", "100/h")
# Invitations one person sends, and invitations to one address, from any organisation.
INVITATIONS_PER_PERSON = Limit("invitations-per-person", "30/h")
INVITATIONS_PER_ADDRESS = Limit("invitations-per-address", "3/d")


def feedback_limits() -> tuple[Limit, Limit]:
    """Answers to one feedback round's link from one network address, and in all: read
    from the settings each time, so a deployment (or the load benchmark) can set them."""
    return (
        Limit("feedback-per-address", settings.FEEDBACK_ANSWERS_PER_ADDRESS),
        Limit("feedback-per-link", settings.FEEDBACK_ANSWERS_PER_LINK),
    )


def unlinkable(*parts: str) -> str:
    """A cache key for `parts` that cannot be turned back into them without the secret key.
    The shared cache may be the database: a plain hash of a network address could be
    reversed by trying every address, and anonymous answers must leave no address behind."""
    return hmac.new(
        settings.SECRET_KEY.encode(), "\x1f".join(parts).encode(), hashlib.sha256
    ).hexdigest()


def client_address(request: HttpRequest) -> str:
    """The network address a request came from (`RATELIMIT_IP_META_KEY`). Behind
    `TRUSTED_PROXY_COUNT` load balancers, each of which adds the address it saw to
    X-Forwarded-For, it is that many places from the right; what the client wrote further
    left is not trusted. With none, the connection's own address."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        addresses = [address.strip() for address in forwarded if address.strip()]
        if len(addresses) >= count:
            return addresses[-count]
    return request.META.get("REMOTE_ADDR", "")


def limit_reached(
    request: HttpRequest, limit: Limit, key: str | None = None, *, count: bool = True
) -> bool:
    """Count one more against `limit` and say whether that goes over it (`count=False`:
    only say whether it is already over). `key` is what is counted (a lower-cased email
    address, a person's id); without it, the request's network address."""
    return is_ratelimited(
        request,
        group=limit.group,
        key=(lambda _group, _request: key) if key is not None else "ip",
        rate=limit.rate,
        increment=count,
    )
