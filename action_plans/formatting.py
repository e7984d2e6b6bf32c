"""How an action's template columns read as text: who is responsible and the timescale.

The plan page, the action page, the board report and the downloads all print these two
columns, so they are worded in one place."""

from django.utils.translation import gettext

from action_plans.models import Action
from trauma_wales.templatetags.app_tags import govuk_date


def action_responsibility(action: Action, separator: str = ", ") -> str:
    """The responsible member's name and the team or partner named in text, either or both."""
    names = []
    if action.responsible_member is not None:
        names.append(str(action.responsible_member.user))
    if action.responsible_other:
        names.append(action.responsible_other)
    return separator.join(names)


def action_timescale(action: Action) -> str:
    """ "5 January 2026 to 31 March 2026", or only the target date when there is no start."""
    if action.start_date:
        return gettext("%(start)s to %(end)s") % {
            "start": govuk_date(action.start_date),
            "end": govuk_date(action.target_date),
        }
    return govuk_date(action.target_date)
