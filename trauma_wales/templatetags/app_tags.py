"""Template helpers shared by every app: GOV.UK date style and bilingual fallbacks."""

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html

from trauma_wales.bilingual import LocalisedText

register = template.Library()

GOVUK_DATE = "j F Y"  # 5 January 2026
GOVUK_DATETIME = "j F Y \\a\\t g:ia"  # 5 January 2026 at 2:30pm


@register.filter
def govuk_date(value):
    return date_filter(value, GOVUK_DATE) if value else ""


@register.filter
def govuk_datetime(value):
    return date_filter(value, GOVUK_DATETIME) if value else ""


@register.filter
def with_lang(value):
    """Mark content shown in English on a Welsh page (a missing translation) with lang="en"."""
    if isinstance(value, LocalisedText) and value.is_fallback:
        return format_html('<span lang="{}">{}</span>', value.lang, value)
    return value
