"""Emails leave from the task worker, after the change that causes them commits; a mail
server that refuses or never answers costs the person nothing, the email is tried again
with growing delays, and the one that never goes is logged, audited and shown to the lead.
"""

import logging
from datetime import timedelta
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from organisations import services
from tests.accounts.factories import UserFactory
from tests.conftest import client_for
from trauma_wales.emails import (
    Recipient,
    email_deliver,
    email_send,
    emails_prune,
    subject_line,
)
from trauma_wales.models import AuditEntry, EmailStatus, OutgoingEmail
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db

SEND = "django.core.mail.EmailMessage.send"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def invite(organisation, lead, capture, email="nia@example.org"):
    with capture(execute=True):
        return services.invitation_create(
            organisation=organisation, invited_by=lead, email=email, role=Role.REVIEWER,
            base_url="https://example.org/", language="en",
        )  # fmt: skip


def members_page(lead, organisation):
    return client_for(lead).get(reverse("organisations:members", args=[organisation.slug]))


def test_nothing_is_sent_or_queued_before_the_change_commits(
    organisation, lead, mailoutbox, django_capture_on_commit_callbacks
):
    with mock.patch("trauma_wales.emails._enqueue") as enqueue:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            invitation = services.invitation_create(
                organisation=organisation, invited_by=lead, email="nia@example.org",
                role=Role.REVIEWER, base_url="https://example.org/",
            )  # fmt: skip
        email = OutgoingEmail.objects.get()
        assert (email.status, email.about_id, email.to) == (
            EmailStatus.QUEUED,
            str(invitation.pk),
            ["nia@example.org"],
        )
        assert enqueue.call_count == 0 and mailoutbox == []
        for callback in callbacks:
            callback()
        enqueue.assert_called_once_with(email.pk)  # an id: the queue stores JSON


def test_a_sent_email_is_marked_sent_and_its_body_forgotten(
    organisation, lead, mailoutbox, django_capture_on_commit_callbacks
):
    invite(organisation, lead, django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts, email.body) == (EmailStatus.SENT, 1, "")
    assert email.sent_at is not None
    assert "invitations/" in mailoutbox[0].body  # the link went, and is kept nowhere now


def test_a_subject_never_holds_a_line_break(
    organisation, lead, mailoutbox, django_capture_on_commit_callbacks
):
    organisation.name = "Cwm Afon\r\nBcc: everyone@example.org\u2028Housing"
    organisation.save()

    invite(organisation, lead, django_capture_on_commit_callbacks)

    subject = mailoutbox[0].subject
    assert subject == "You are invited to join “Cwm Afon Bcc: everyone@example.org Housing”"
    assert mailoutbox[0].message()["Bcc"] is None
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT
    assert subject_line(" a\n\tb\x0bc\x1cd  ") == "a b c d"


def test_a_refusing_mail_server_is_tried_again_then_given_up_logged_and_audited(
    settings, organisation, lead, mailoutbox, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_RETRY_DELAYS = [60, 300]
    caplog.set_level(logging.WARNING, logger="trauma_wales.emails")

    with mock.patch(SEND, side_effect=ConnectionRefusedError(111, "Connection refused")) as send:
        response_invitation = invite(organisation, lead, django_capture_on_commit_callbacks)

    assert send.call_count == 3  # the first attempt and one per delay
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts, email.body) == (EmailStatus.FAILED, 3, "")
    assert "ConnectionRefusedError" in email.last_error
    levels = [(record.levelname, record.getMessage()) for record in caplog.records]
    assert [level for level, _ in levels] == ["WARNING", "WARNING", "ERROR"]
    assert "attempt 1 of 3" in levels[0][1] and "after 3 attempts" in levels[2][1]
    entry = AuditEntry.objects.get(action="email.not_sent")
    assert entry.organisation == organisation
    assert entry.details["about"] == f"organisations.invitation:{response_invitation.pk}"


def test_a_passing_failure_is_retried_and_the_email_sent(
    organisation, lead, mailoutbox, django_capture_on_commit_callbacks
):
    real_send = mail.EmailMessage.send
    failures = iter([SMTPServerDisconnected("gone"), TimeoutError("timed out")])

    def flaky(message, *args, **kwargs):
        error = next(failures, None)
        if error:
            raise error
        return real_send(message, *args, **kwargs)

    with mock.patch(SEND, flaky):
        invite(organisation, lead, django_capture_on_commit_callbacks)

    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 3)
    assert len(mailoutbox) == 1


def run_worker():
    """The real worker, once through the queue. It closes the database connection between
    tasks, which would end the test's transaction: that step is left out here."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_with_the_database_queue_a_retry_waits_for_its_delay(
    settings, organisation, lead, mailoutbox, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_RETRY_DELAYS = [600]
    invite(organisation, lead, django_capture_on_commit_callbacks)
    assert mailoutbox == [] and DBTaskResult.objects.ready().count() == 1

    with mock.patch(SEND, side_effect=TimeoutError("timed out")):
        run_worker()

    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 1)
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs == {"args": [email.pk], "kwargs": {}}
    assert timedelta(seconds=590) < retry.run_after - timezone.now() <= timedelta(seconds=600)
    assert not DBTaskResult.objects.ready().exists()  # not before its time

    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        run_worker()

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 2)
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("status", "attempts", "english", "welsh"),
    [
        (EmailStatus.QUEUED, 0, "Sending", "Wrthi'n anfon"),
        (EmailStatus.QUEUED, 2, "We will try again", "Byddwn yn rhoi cynnig arall arni"),
        (EmailStatus.FAILED, 5, "Check the email address and invite them again",
         "Gwiriwch y cyfeiriad e-bost a'u gwahodd eto"),
    ],
)  # fmt: skip
def test_the_lead_sees_whether_the_invitation_email_went(
    settings, organisation, lead, django_capture_on_commit_callbacks,
    status, attempts, english, welsh,
):  # fmt: skip
    settings.TASKS = DATABASE_QUEUE  # queued, not sent: no worker runs here
    invitation = invite(organisation, lead, django_capture_on_commit_callbacks)
    OutgoingEmail.objects.filter(about_id=str(invitation.pk)).update(
        status=status, attempts=attempts
    )

    page = members_page(lead, organisation).content.decode()
    assert english in page
    lead.language = "cy"
    lead.save()
    client = client_for(lead)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    welsh_page = client.get(reverse("organisations:members", args=[organisation.slug]))
    assert welsh in welsh_page.content.decode()


def test_only_the_latest_email_of_an_invitation_counts(
    settings, organisation, lead, django_capture_on_commit_callbacks
):
    invitation = invite(organisation, lead, django_capture_on_commit_callbacks)
    OutgoingEmail.objects.create(
        template="organisations/emails/invitation", subject="Old", status=EmailStatus.FAILED,
        about_type="organisations.invitation", about_id=str(invitation.pk),
        created_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    OutgoingEmail.objects.filter(subject="Old").update(
        created_at=timezone.now() - timedelta(days=1)
    )
    page = members_page(lead, organisation).content.decode()
    assert "Could not be sent" not in page


def test_the_task_sends_each_email_once(
    organisation, lead, mailoutbox, django_capture_on_commit_callbacks
):
    invite(organisation, lead, django_capture_on_commit_callbacks)
    email = OutgoingEmail.objects.get()
    assert email_deliver.call(email.pk) == "nothing to send"  # sent already, on commit
    assert email_deliver.call(email.pk + 1) == "nothing to send"
    assert len(mailoutbox) == 1


def test_email_send_queues_one_message_per_language(organisation, mailoutbox):
    queued = email_send(
        "organisations/emails/invitation",
        {"invitation": None, "accept_url": "https://example.org/x"},
        [Recipient("a@example.org", "en"), Recipient("b@example.org", "cy"),
         Recipient("c@example.org", "en"), Recipient("a@example.org", "en")],
    )  # fmt: skip
    assert queued == 2
    assert sorted(OutgoingEmail.objects.values_list("language", "to")) == [
        ("cy", ["b@example.org"]), ("en", ["a@example.org", "c@example.org"])
    ]  # fmt: skip
    assert mailoutbox == []  # the test's transaction never commits


def test_pruning_keeps_emails_on_their_way_and_recent_ones():
    old = timezone.now() - timedelta(days=40)
    for status in EmailStatus.values:
        for created_at in (old, timezone.now()):
            email = OutgoingEmail.objects.create(template="t", subject="s", status=status)
            OutgoingEmail.objects.filter(pk=email.pk).update(created_at=created_at)

    assert emails_prune(days=30) == 2
    assert sorted(OutgoingEmail.objects.values_list("status", flat=True)) == sorted(
        [*EmailStatus.values, EmailStatus.QUEUED]
    )


def test_platform_staff_see_the_emails_that_could_not_be_sent(client):
    OutgoingEmail.objects.create(
        template="organisations/emails/invitation", subject="s", status=EmailStatus.FAILED,
        attempts=5, last_error="SMTPAuthenticationError: 535 bad login", body="",
    )  # fmt: skip
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    page = client.get(reverse("admin:trauma_wales_outgoingemail_changelist"), {"status": "failed"})
    assert page.status_code == 200
    assert "535 bad login" in page.content.decode()
