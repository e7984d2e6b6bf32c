"""Two digest runs at the same moment (cron on two machines) send each person one digest.

Real concurrency needs real transactions and a database that lets two of them wait on
each other, so this runs on PostgreSQL only (the second stage of ./scripts/test); the
same rule on SQLite is covered by the sequential tests in test_overdue_digest.py.
"""

import threading
import time
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, connections

from action_plans import services_overdue
from action_plans.models import DigestSent, PlanStatus
from assessments.models import CycleStatus
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.organisations.factories import MembershipFactory
from trauma_wales.models import OutgoingEmail

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("two transactions waiting on each other need PostgreSQL")


def test_two_runs_at_once_send_each_person_one_digest(organisation, monkeypatch):
    plan = PlanFactory(cycle__organisation=organisation, cycle__status=CycleStatus.SUBMITTED,
                       status=PlanStatus.APPROVED)  # fmt: skip
    people = [MembershipFactory(organisation=organisation) for _ in range(3)]
    for member in people:
        ActionFactory(plan=plan, responsible_member=member, target_date=date(2026, 5, 1))

    real_send = services_overdue.email_send

    def slow_send(*args, **kwargs):
        """Hold each digest's transaction open a moment, so the other run meets it."""
        time.sleep(0.2)
        return real_send(*args, **kwargs)

    monkeypatch.setattr(services_overdue, "email_send", slow_send)
    start, errors = threading.Barrier(2), []

    def run():
        try:
            start.wait(timeout=10)
            call_command("send_overdue_digests", "--date", TODAY.isoformat(), verbosity=0)
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    sent_to = Counter(email for row in OutgoingEmail.objects.values_list("to", flat=True)
                      for email in row)  # fmt: skip
    assert sent_to == Counter({member.user.email: 1 for member in people})
    assert DigestSent.objects.filter(day=TODAY).count() == 3

    call_command("send_overdue_digests", "--date", TODAY.isoformat(), verbosity=0)
    assert OutgoingEmail.objects.count() == 3
