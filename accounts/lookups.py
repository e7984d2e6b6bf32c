"""Looking people up by email address, case-insensitively, through the index we have.

Email addresses are unique whatever their case, enforced by a unique index on
`LOWER(email)` (accounts) and searched through one on invitations. Django's `iexact`
compiles to `UPPER(email) = UPPER(%s)` on PostgreSQL, which that index cannot serve, so
sign-in and the home page's invitations scanned whole tables. `email_is` compares
`LOWER(email)` with the lower-cased address, which the index serves.
"""

from django.db.models import Lookup
from django.db.models.functions import Lower
from django.db.models.lookups import Exact


def email_is(email: str, field: str = "email") -> Lookup:
    """A filter condition: `field` equals `email`, ignoring case (uses the LOWER index)."""
    return Exact(Lower(field), (email or "").lower())


def sign_in_name(request, credentials) -> str:
    """The email address a sign-in attempt was for, as django-axes counts it
    (`AXES_USERNAME_CALLABLE`): trimmed and lower-cased, so that "Lead@Example.org" and
    "lead@example.org" count as one address. Cut to an address's longest length, so a very
    long value is not stored."""
    name = (credentials or {}).get("username") or ""
    return str(name).strip().lower()[:254]
