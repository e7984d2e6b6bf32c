"""How an action's template columns read as text: who is responsible, the timescale and
the priority.

The plan page, the action page, the board report and the downloads all print these
columns, so they are worded in one place."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from action_plans.models import Action, Priority
from trauma_wales.templatetags.app_tags import govuk_date

# Whole phrases, so each language can put the words in its own order ("Blaenoriaeth uchel").
PRIORITY_PHRASES = {
    Priority.HIGH: _("High priority"),
    Priority.MEDIUM: _("Medium priority"),
    Priority.LOW: _("Low priority"),
}


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


def action_priority(action: Action) -> str:
    return str(PRIORITY_PHRASES.get(action.priority, action.get_priority_display()))
