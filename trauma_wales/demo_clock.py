"""The demo's story happens over the months before it is seeded.

A demo where the baseline was submitted, the plan approved and progress recorded all in
the same second reads as nothing that ever happened. The demo runs each step through the
same services a person would, as if on a day before today (with the clock moving on
from 10:00 that day), so dates, status history and audit entries tell one believable
story whenever the demo is seeded. Only the demo uses this; the README says its history
is made up, like everything else in it.
"""

from contextlib import AbstractContextManager
from datetime import date, datetime, time, timedelta

import time_machine
from django.utils import timezone


def demo_today() -> date:
    """The real today, which the story's days are counted back from."""
    return timezone.localdate()


def as_if_on(day: date) -> AbstractContextManager:
    """Run the enclosed steps as if on `day`, from 10:00 local time."""
    moment = timezone.make_aware(datetime.combine(day, time(10)))
    return time_machine.travel(moment, tick=True)


def days_ago(today: date, days: int) -> date:
    return today - timedelta(days=days)
