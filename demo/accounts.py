"""The demo's accounts: found or made, each with the demo password. Every account shares
one hash of it, made once a seeding: hashing is slow on purpose (about half a second each
with the production hasher)."""

from django.contrib.auth import get_user_model

from accounts.lookups import email_is
from accounts.services import user_create


def demo_account(*, email: str, full_name: str, password_hash: str):
    user = get_user_model().objects.filter(email_is(email)).first()
    if user is None:
        user = user_create(email=email, full_name=full_name, password=None, email_confirmed=True)
    user.password = password_hash
    user.save(update_fields=["password"])
    return user
