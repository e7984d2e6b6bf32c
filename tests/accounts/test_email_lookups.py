"""Email look-ups ignore case through the LOWER(email) indexes (sign-in, the home page's
invitations, sign-up, password reset, inviting someone)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.lookups import email_is
from accounts.models import User
from organisations.models import Invitation
from organisations.selectors import pending_invitations_for_email

pytestmark = pytest.mark.django_db


def test_an_address_matches_whatever_its_case(organisation, lead):
    assert User.objects.get_by_natural_key(lead.email.upper()) == lead
    assert User.objects.filter(email_is("  ")).count() == 0


def test_the_lookups_compare_lower_case_not_upper_case(lead):
    for query in (
        User.objects.filter(email_is("Someone@Example.org")).query,
        pending_invitations_for_email(email="Someone@Example.org").query,
    ):
        sql = str(query).upper()
        assert 'LOWER("' in sql and "UPPER(" not in sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans: PostgreSQL")
@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: User.objects.filter(email_is("a@example.org")), "accounts_user_email_ci_unique"),
        (lambda: Invitation.objects.filter(email_is("a@example.org")), "invitation_email_ci"),
    ],
)
def test_postgresql_can_answer_them_from_the_index(queryset, index):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset().explain()
    assert index in plan


def test_a_failed_sign_in_finds_the_account_through_the_index(lead, client):
    """Every failed sign-in looks up the address typed: through LOWER(email), never a
    case-insensitive match the index cannot answer (UPPER on PostgreSQL, LIKE on SQLite)."""
    with CaptureQueriesContext(connection) as queries:
        client.post("/accounts/sign-in/", {"username": lead.email.upper(), "password": "not it"})

    by_email = [
        q["sql"] for q in queries
        if 'FROM "accounts_user"' in q["sql"] and '"accounts_user"."email"' in q["sql"]
    ]  # fmt: skip
    assert by_email
    assert all('LOWER("accounts_user"."email")' in sql for sql in by_email), by_email
