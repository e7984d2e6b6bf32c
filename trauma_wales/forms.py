"""Shared form building: every form is a GOV.UK form that the server validates.

`novalidate` turns off the browser's own validation bubbles so that people always get the
GOV.UK error summary and inline messages, written in our words.
"""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Div, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from trauma_wales.ids import parse_id
from trauma_wales.versions import VersionedForm

MIN_YEAR, MAX_YEAR = 2000, 2100


def gds_form_helper(*fields, submit_label=None) -> FormHelper:
    """A helper for a GOV.UK form; `submit_label` adds the usual single button."""
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
    helper.render_hidden_fields = True  # a form's hidden version is always sent back
    buttons = [Submit("submit", submit_label)] if submit_label else []
    helper.layout = Layout(*fields, *buttons)
    return helper


TOO_LONG = _("This must be %(limit_value)d characters or fewer")


def optional_text(label, help_text="", *, max_length: int, too_long=TOO_LONG) -> forms.CharField:
    """An optional text area with a limit, and a plain message when it goes over it."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=max_length,
        widget=forms.Textarea,
        error_messages={"max_length": too_long},
    )


class GovukDateField(DateInputField):
    """The GOV.UK date input (day, month, year) with messages in our words, translatable.

    crispy-forms-gds's own field has generic English messages and shows Python's
    "day is out of range for month" for 31 February; this one names the date in question.
    """

    def __init__(self, *, required_message, invalid_message, **kwargs):
        super().__init__(**kwargs)
        self.invalid_message = invalid_message
        self.error_messages.update(
            {
                "required": required_message,
                "incomplete": required_message,
                "invalid": invalid_message,
            }
        )
        parts = (_("the day"), _("the month"), _("the year"))
        for part, subfield in zip(parts, self.fields, strict=True):
            subfield.validators = [RegexValidator(r"^[0-9]{1,4}$", message=invalid_message)]
            subfield.error_messages["incomplete"] = _("%(date)s must include %(part)s") % {
                "date": kwargs.get("label", _("The date")),
                "part": part,
            }

    def compress(self, data_list):
        day, month, year = data_list or ("", "", "")
        if not (day and month and year):
            # Parts that were only spaces arrive here empty: a required date is still missing.
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        try:
            value = date(day=int(day), month=int(month), year=int(year))
        except ValueError as error:
            raise ValidationError(self.invalid_message) from error
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise ValidationError(self.invalid_message)
        return value


class IdChoiceField(forms.ModelChoiceField):
    """A choice of one row by id, refusing ids the database cannot hold before asking it."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of rows by id, refusing ids the database cannot hold before asking it."""

    def clean(self, value):
        if isinstance(value, list | tuple) and any(parse_id(item) is None for item in value):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""}
            )
        return super().clean(value)


class RemoveForm(VersionedForm):
    """Confirm removing a saved thing: a warning button, a way back, and the version the
    page showed, so that a thing changed in the meantime is not removed unseen."""

    def __init__(self, *args, submit_label=None, cancel_url="", **kwargs):
        super().__init__(*args, **kwargs)
        buttons = [Button.warning("submit", submit_label or _("Remove"))]
        if cancel_url:
            link = format_html('<a class="govuk-link" href="{}">{}</a>', cancel_url, _("Cancel"))
            buttons.append(HTML(link))
        self.helper = gds_form_helper(Div(*buttons, css_class="govuk-button-group"))
