"""Template helpers shared by every app: GOV.UK date style and bilingual fallbacks."""

from django import template
from django.forms import BaseForm
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.translation import gettext

from trauma_wales.bilingual import LocalisedText

register = template.Library()

GOVUK_DATE = "j F Y"  # 5 January 2026


@register.filter
def govuk_date(value):
    return date_filter(value, GOVUK_DATE) if value else ""


@register.filter
def govuk_datetime(value):
    """5 January 2026 at 2:30pm (GOV.UK style: no full stops in am and pm)."""
    if not value:
        return ""
    time = date_filter(value, "g:i") + date_filter(value, "A").lower()
    return gettext("%(date)s at %(time)s") % {"date": date_filter(value, GOVUK_DATE), "time": time}


@register.filter
def with_lang(value):
    """Mark content shown in English on a Welsh page (a missing translation) with lang="en"."""
    if isinstance(value, LocalisedText) and value.is_fallback:
        return format_html('<span lang="{}">{}</span>', value.lang, value)
    return value


@register.filter
def signed(value):
    """+5, 0, or a negative change written with a true minus sign (U+2212)."""
    if value is None or value == "":
        return ""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"\u2212{abs(value)}"
    return "0"


@register.filter
def bar_width(percentage, full_width=400):
    """The width in SVG units of a bar for a percentage (0 to 100)."""
    if percentage is None:
        return 0
    return round(max(0, min(100, percentage)) * int(full_width) / 100, 1)


CHART_ROW_HEIGHT = 56


@register.filter
def chart_height(rows):
    return len(rows) * CHART_ROW_HEIGHT + 4


@register.simple_tag(takes_context=True)
def page_has_form_errors(context) -> bool:
    """True when any form on the page was sent back with errors, so the page title can
    start with "Error:" (GOV.UK pattern) whatever the form is called in the context."""
    return any(
        isinstance(value, BaseForm) and value.is_bound and bool(value.errors)
        for value in context.flatten().values()
    )
