"""Writes that create or change accounts."""

from django.db import transaction

from accounts.models import User
from trauma_wales.audit import audit_record


def user_create(*, email: str, full_name: str, password: str | None) -> User:
    """Create an account. A `None` password leaves it unusable until the person sets one."""
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
        audit_record(action="user.created", actor=user, target=user)
    return user
