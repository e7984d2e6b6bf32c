"""The worker takes emails (someone is waiting) before renders, and renders someone asked
for before the reports it makes ahead of time."""

from reports.tasks import report_render, reports_prepare_task
from trauma_wales.emails import email_deliver


def test_emails_come_first_and_reports_made_ahead_come_last():
    assert email_deliver.priority > report_render.priority > reports_prepare_task.priority
