"""Template tags for plan pages: the coloured tag for an action's delivery status.

A tag rather than an included template because the plan table draws one per action,
and an include per row was a measurable part of the page's time."""

from django import template
from django.utils.html import format_html

register = template.Library()

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
