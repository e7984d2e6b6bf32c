"""`{{ cell|heat }}`: a heatmap cell's shade, 0 (no figure) to 5 (networks.presenters)."""

from django import template

from networks.presenters import shade

register = template.Library()


@register.filter
def heat(cell) -> int:
    return shade(cell)
