"""Template filters for feedback rounds (voices.presenters)."""

from django import template

from voices import presenters

register = template.Library()


@register.filter
def decision_colour(decision: str) -> str:
    return presenters.decision_colour(decision)
