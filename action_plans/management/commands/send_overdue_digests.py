"""Email each responsible member one digest of their overdue actions.

Run daily or weekly from the scheduler. A person hears about every overdue action they
are named against, in any organisation, in a single email, rather than one email per
action. Actions in plans that are not yet approved, and actions whose responsibility is
a free-text team or partner, are left out: there is nobody to email, or the dates are
not agreed yet.
"""

import argparse
from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from action_plans.selectors_overdue import PersonOverdue, overdue_actions_by_person
from trauma_wales.emails import email_send, recipient_for


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("Not a date in the form YYYY-MM-DD: %(value)s") % {"value": value}
        ) from error


def digest_send(*, person: PersonOverdue, today: date) -> None:
    context = {
        "user": person.user,
        "organisations": person.organisations,
        "action_count": person.action_count,
        "today": today,
    }
    email_send("action_plans/emails/overdue_digest", context, [recipient_for(person.user)])


class Command(BaseCommand):
    help = "Email each responsible member a digest of their overdue actions in approved plans."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print who would be emailed, and send nothing.",
        )
        parser.add_argument(
            "--date",
            type=_iso_date,
            dest="today",
            default=None,
            help="Treat this day (YYYY-MM-DD) as today. Default: today.",
        )

    def handle(self, *args, dry_run, today, **options):
        today = today or timezone.localdate()
        people = overdue_actions_by_person(today=today)
        action_count = sum(person.action_count for person in people)
        for person in people:
            if dry_run:
                self.stdout.write(
                    ngettext(
                        "Would email %(email)s: %(count)d overdue action",
                        "Would email %(email)s: %(count)d overdue actions",
                        person.action_count,
                    )
                    % {"email": person.user.email, "count": person.action_count}
                )
            else:
                digest_send(person=person, today=today)
        counts = {"digests": len(people), "actions": action_count}
        if dry_run:
            summary = _("Would send %(digests)d digests covering %(actions)d overdue actions.")
        else:
            summary = _("Sent %(digests)d digests covering %(actions)d overdue actions.")
        self.stdout.write(self.style.SUCCESS(summary % counts))
