"""Email each responsible member one digest of their overdue actions.

Run daily by `manage.py run_schedule`. A person hears about every overdue action they
are named against, in any organisation, in a single email, rather than one email per
action; an organisation's leads also hear of its overdue actions that no member is named
against (a team or partner without an account). Actions in plans that are not yet
approved are left out: their dates are not agreed yet. Nobody gets a second digest on the
same day, however often this runs (action_plans.services_overdue).
"""

import argparse
from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from action_plans.selectors_overdue import overdue_actions_by_person
from action_plans.services_overdue import overdue_digest_send


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("Not a date in the form YYYY-MM-DD: %(value)s") % {"value": value}
        ) from error


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
        sent = already = actions = 0
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
            elif overdue_digest_send(person=person, today=today):
                sent += 1
                actions += person.action_count
            else:
                already += 1
        if dry_run:
            counts = {
                "digests": len(people),
                "actions": sum(person.action_count for person in people),
            }
            summary = _("Would send %(digests)d digests covering %(actions)d overdue actions.")
        else:
            counts = {"digests": sent, "actions": actions, "already": already}
            summary = _(
                "Sent %(digests)d digests covering %(actions)d overdue actions; "
                "%(already)d people had theirs already today."
            )
        self.stdout.write(self.style.SUCCESS(summary % counts))
