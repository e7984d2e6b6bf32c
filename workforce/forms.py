"""Forms for staff groups (details and the practice levels they need) and their training
counts. The services check everything again; these give people clear messages first."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fieldset, Fixed, Size
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trauma_wales.forms import GovukDateField, gds_form_helper
from trauma_wales.versions import VersionedForm
from workforce.models import (
    GROUP_DESCRIPTION_MAX_LENGTH,
    GROUP_NAME_MAX_LENGTH,
    HEADCOUNT_MAX,
)
from workforce.services import (
    COUNT_IN_FUTURE,
    LEVELS_NEEDED,
    NAME_NEEDED,
    TRAINED_ABOVE_HEADCOUNT,
)

NUMBER_ATTRS = {"inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"}


def _number_field(*, label, help_text, required_message, invalid_message, range_message):
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=HEADCOUNT_MAX,
        widget=forms.TextInput(attrs=NUMBER_ATTRS),
        error_messages={
            "required": required_message,
            "invalid": invalid_message,
            "min_value": range_message,
            "max_value": range_message,
        },
    )


class StaffGroupForm(VersionedForm):
    name = forms.CharField(
        label=_("Name of the staff group"),
        help_text=_("For example, Housing officers"),
        max_length=GROUP_NAME_MAX_LENGTH,
        error_messages={
            "required": NAME_NEEDED,
            "max_length": _("The name must be %(limit_value)d characters or fewer"),
        },
    )
    description = forms.CharField(
        label=_("Who is in this group? (optional)"),
        help_text=_("A short description, for example reception and front-desk staff."),
        required=False,
        max_length=GROUP_DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "max_length": _("The description must be %(limit_value)d characters or fewer"),
        },
    )
    headcount = _number_field(
        label=_("How many people are in this group?"),
        help_text=_("Count staff and volunteers. Enter 0 if the group is being recruited."),
        required_message=_("Enter the number of people in the group"),
        invalid_message=_("The number of people must be a whole number, like 12"),
        range_message=_("The number of people must be from 0 to 1,000,000"),
    )
    levels = forms.TypedMultipleChoiceField(
        label=_("Which practice levels does this group need?"),
        help_text=_(
            "Choose every level that applies: one group can need several. If you untick a "
            "level, its training figures are removed."
        ),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": LEVELS_NEEDED,
            "invalid_choice": _("Choose practice levels from the list"),
        },
    )

    def __init__(self, *args, levels=(), submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["levels"].choices = [
            Choice(level.pk, level.name, hint=level.audience) for level in levels
        ]
        self.helper = gds_form_helper(
            Field.text("name"),
            Field.textarea("description", rows=2, max_characters=GROUP_DESCRIPTION_MAX_LENGTH),
            Field.text("headcount", field_width=Fixed.FIVE),
            Field.checkboxes("levels", legend_size=Size.MEDIUM),
            submit_label=submit_label or _("Save staff group"),
        )


class TrainingForm(VersionedForm):
    """One number per level the group needs, and the date the numbers were counted."""

    counted_on = GovukDateField(
        label=_("Date of the count"),
        help_text=_("The date these numbers were true, for example 1 3 2026"),
        required_message=_("Enter the date of the count"),
        invalid_message=_("The date of the count must be a real date"),
    )

    def __init__(self, *args, group=None, **kwargs):
        kwargs.setdefault("initial", {})
        super().__init__(*args, **kwargs)
        self.needs = list(group.needs.all()) if group is not None else []
        headcount = group.headcount if group is not None else 0
        for need in self.needs:
            self.fields[self.field_name(need.level_id)] = _number_field(
                label=_("Number trained to %(level)s") % {"level": need.level.name},
                help_text=_("Out of %(headcount)s people in the group") % {"headcount": headcount},
                required_message=_("Enter the number trained to %(level)s, or 0")
                % {"level": need.level.name},
                invalid_message=_("The number trained to %(level)s must be a whole number")
                % {"level": need.level.name},
                range_message=_("The number trained to %(level)s must be from 0 to %(headcount)s")
                % {"level": need.level.name, "headcount": headcount},
            )
            self.initial.setdefault(self.field_name(need.level_id), need.trained)
        self.initial.setdefault("counted_on", timezone.localdate())
        self.headcount = headcount
        self.helper = gds_form_helper(
            Fieldset(
                *[
                    Field.text(self.field_name(n.level_id), field_width=Fixed.FIVE)
                    for n in self.needs
                ],
                legend=_("People trained, by practice level"),
                legend_size=Size.MEDIUM,
            ),
            Field("counted_on"),
            submit_label=_("Save training figures"),
        )

    @staticmethod
    def field_name(level_id: int) -> str:
        return f"trained-{level_id}"

    def clean(self):
        cleaned = super().clean()
        for need in self.needs:
            name = self.field_name(need.level_id)
            number = cleaned.get(name)
            if number is not None and number > self.headcount:
                self.add_error(
                    name,
                    TRAINED_ABOVE_HEADCOUNT
                    % {"level": need.level.name, "headcount": self.headcount},
                )
        counted_on = cleaned.get("counted_on")
        if counted_on and counted_on > timezone.localdate():
            self.add_error("counted_on", COUNT_IN_FUTURE)
        return cleaned

    def trained(self) -> dict[int, int]:
        return {n.level_id: self.cleaned_data[self.field_name(n.level_id)] for n in self.needs}
