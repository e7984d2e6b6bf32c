"""Template filters for the PDF report's print stylesheet."""

import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_UNSAFE = re.compile(r"[^\w ,.-]", re.UNICODE)


@register.filter
def css_string(value) -> str:
    """Text safe inside a double-quoted CSS string in a <style> element: anything but
    letters, digits, spaces and simple punctuation is written as a CSS escape."""
    return mark_safe(_UNSAFE.sub(lambda m: f"\\{ord(m.group()):x} ", str(value)))  # noqa: S308
