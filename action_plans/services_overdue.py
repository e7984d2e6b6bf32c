"""Sending the overdue digest: at most one per person per day, however many runs.

Each digest is recorded (`DigestSent`, unique per person and day) in the same transaction
that queues its email. A second run that day, or a run on another machine at the same
moment, meets the unique constraint (on PostgreSQL it waits for the first run's
transaction, then fails) and sends nothing, so the daily schedule may run anywhere and
more than once (docs/adr/0010).
"""

from datetime import date

from django.db import IntegrityError, transaction

from action_plans.models import DigestSent
from action_plans.selectors_overdue import PersonOverdue
from trauma_wales.emails import email_send, recipient_for


def overdue_digest_send(*, person: PersonOverdue, today: date) -> bool:
    """Queue the person's digest for `today` unless it has been already; True if queued."""
    context = {
        "user": person.user,
        "organisations": person.organisations,
        "action_count": person.action_count,
        "today": today,
    }
    try:
        with transaction.atomic():
            digest = DigestSent.objects.create(
                user=person.user, day=today, action_count=person.action_count
            )
            email_send(
                "action_plans/emails/overdue_digest",
                context,
                [recipient_for(person.user)],
                about=digest,
            )
    except IntegrityError:
        return False
    return True
