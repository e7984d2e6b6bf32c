"""Template tags for plan pages: the coloured tags for a plan's review status and an
action's delivery status, and the responsibility and timescale columns as text.

Tags rather than included templates because the plan table draws one per action, and an
include per row was a measurable part of the page's time."""

from django import template
from django.utils.html import format_html

from action_plans.formatting import action_priority, action_responsibility, action_timescale

register = template.Library()
register.filter("responsibility", action_responsibility)
register.filter("timescale", action_timescale)
register.filter("priority_phrase", action_priority)

PLAN_TAG_COLOURS = {
    "approved": "green",
    "in_review": "purple",
    "changes_requested": "orange",
    "draft": "grey",
}

DELIVERY_TAG_COLOURS = {
    "completed": "green",
    "in_progress": "light-blue",
    "on_hold": "yellow",
    "cancelled": "grey",
    "not_started": "blue",
}


@register.simple_tag
def delivery_status_tag(action) -> str:
    colour = DELIVERY_TAG_COLOURS.get(action.delivery_status, "blue")
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        colour,
        action.get_delivery_status_display(),
    )


@register.simple_tag
def plan_status_tag(plan) -> str:
    colour = PLAN_TAG_COLOURS.get(plan.status, "grey")
    return format_html(
        '<strong class="app-plan-status govuk-tag govuk-tag--{}">{}</strong>',
        colour,
        plan.get_status_display(),
    )
