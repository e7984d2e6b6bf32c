"""The daily schedule: every job runs, a repeat run sends nobody a second digest, and a
broken job does not stop the others."""

from datetime import date, timedelta
from io import StringIO
from unittest import mock

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from action_plans.models import DigestSent, PlanStatus
from assessments.models import CycleStatus
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.organisations.factories import MembershipFactory
from trauma_wales.models import EmailStatus, OutgoingEmail

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)
LONG_AGO = timezone.now() - timedelta(days=400)


@pytest.fixture
def overdue_member(organisation):
    plan = PlanFactory(cycle__organisation=organisation, cycle__status=CycleStatus.SUBMITTED,
                       status=PlanStatus.APPROVED)  # fmt: skip
    member = MembershipFactory(organisation=organisation)
    ActionFactory(plan=plan, responsible_member=member, target_date=TODAY - timedelta(days=3))
    return member


def old_rows():
    Session.objects.create(session_key="old", session_data="", expire_date=LONG_AGO)
    Session.objects.create(
        session_key="current", session_data="", expire_date=timezone.now() + timedelta(days=1)
    )
    email = OutgoingEmail.objects.create(template="t", subject="s", status=EmailStatus.SENT)
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=LONG_AGO)


def schedule(django_capture_on_commit_callbacks) -> str:
    out = StringIO()
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(timezone.make_aware(timezone.datetime(2026, 6, 1, 7)), tick=False),
    ):
        call_command("run_schedule", stdout=out)
    return out.getvalue()


def test_the_schedule_runs_every_daily_job_and_twice_is_harmless(
    overdue_member, mailoutbox, django_capture_on_commit_callbacks
):
    old_rows()

    schedule(django_capture_on_commit_callbacks)
    output = schedule(django_capture_on_commit_callbacks)

    assert [m.to for m in mailoutbox] == [[overdue_member.user.email]]
    assert DigestSent.objects.get().day == TODAY
    assert list(Session.objects.values_list("session_key", flat=True)) == ["current"]
    assert not OutgoingEmail.objects.filter(created_at__lt=timezone.now() - timedelta(days=300))
    assert "1 people had theirs already today" in output


def test_task_results_are_pruned_where_the_queue_is_the_database(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for status, finished_at in [("SUCCESSFUL", LONG_AGO), ("READY", None)]:
        DBTaskResult.objects.create(
            status=status, args_kwargs={"args": [], "kwargs": {}}, backend_name="default",
            task_path="trauma_wales.emails.email_deliver", run_after=timezone.now(),
            finished_at=finished_at,
        )  # fmt: skip

    call_command("run_schedule", stdout=StringIO())

    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["READY"]


def test_a_failing_job_is_reported_and_the_others_still_run(
    overdue_member, mailoutbox, django_capture_on_commit_callbacks, caplog
):
    old_rows()
    real = call_command

    def digests_broken(name, *args, **kwargs):
        if name == "send_overdue_digests":
            raise RuntimeError("database went away")
        return real(name, *args, **kwargs)

    with (
        mock.patch("trauma_wales.management.commands.run_schedule.call_command", digests_broken),
        pytest.raises(CommandError, match="send_overdue_digests"),
    ):
        schedule(django_capture_on_commit_callbacks)

    assert mailoutbox == []
    assert list(Session.objects.values_list("session_key", flat=True)) == ["current"]
    assert "Scheduled job send_overdue_digests failed" in caplog.text


def test_failed_sign_ins_are_forgotten_once_their_lock_out_is_over(client):
    from axes.models import AccessAttempt

    from tests.accounts.factories import UserFactory

    user = UserFactory(email="gwen@example.org")
    client.post("/accounts/sign-in/", {"username": user.email, "password": "not-it"})
    assert AccessAttempt.objects.count() == 1

    call_command("run_schedule", stdout=StringIO())
    assert AccessAttempt.objects.count() == 1  # still within its fifteen minutes

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        call_command("run_schedule", stdout=StringIO())
    assert AccessAttempt.objects.count() == 0
