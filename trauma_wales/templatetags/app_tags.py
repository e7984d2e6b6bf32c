"""Template helpers shared by every app: GOV.UK date style, bilingual fallbacks and the
language of typed text."""

from django import forms, template
from django.forms import BaseForm
from django.template.defaultfilters import date as date_filter
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext

from trauma_wales.bilingual import LocalisedText, active_language
from trauma_wales.written_language import written_language

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


@register.filter(needs_autoescape=True)
def typed(value, autoescape=True):
    """Text a person typed, marked with its language when that is clearly not the page's
    (see trauma_wales.written_language). Apply after filters such as linebreaksbr."""
    if value is None or value == "":
        return value
    text = str(value)
    safe = isinstance(value, SafeData)
    body = text if safe or not autoescape else conditional_escape(text)
    language = written_language(strip_tags(text) if safe else text)
    if language and language != active_language():
        return format_html('<span lang="{}">{}</span>', language, mark_safe(body))  # noqa: S308
    return mark_safe(body) if autoescape or safe else text  # noqa: S308


def focus_target(bound_field) -> str:
    """The id of the control an error summary link for this field moves focus to: GOV.UK
    radios and checkboxes (crispy-forms-gds) number their inputs from 1, and a date's
    first input is its day (GOV.UK Design System, error summary)."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_1"
    if isinstance(widget, forms.MultiWidget):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


@register.filter
def summary_errors(form: BaseForm) -> list[tuple[str, str]]:
    """(id to focus, message) for each error of the form, in the order of its fields. Errors
    that are not about one visible field (the form's own, a hidden field's) point at the
    first visible field."""
    visible = form.visible_fields()
    first = focus_target(visible[0]) if visible else ""
    found = [(first, str(error)) for error in form.non_field_errors()]
    for hidden in form.hidden_fields():
        found += [(first, str(error)) for error in hidden.errors]
    for field in visible:
        found += [(focus_target(field), str(error)) for error in field.errors]
    return found
