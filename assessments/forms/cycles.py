"""Forms to start, reopen and set targets for a cycle, and to invite contributors."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Rating, rating_label
from assessments.models.cycles import NAME_MAX_LENGTH
from assessments.services.cycles import PERIOD_BACKWARDS, REASON_NEEDED
from trauma_wales.forms import GovukDateField, gds_form_helper
from trauma_wales.versions import VersionedForm

REASON_MAX_LENGTH = 1000


class CycleStartForm(forms.Form):
    name = forms.CharField(
        label=_("Name of this assessment"),
        help_text=_("For example, 2026 baseline"),
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": _("Enter a name for this assessment"),
            "max_length": _("The name must be %(limit_value)d characters or fewer"),
        },
    )
    period_start = GovukDateField(
        label=_("Start of the period it covers"),
        help_text=_("For example, 1 4 2026"),
        required_message=_("Enter the start of the period"),
        invalid_message=_("The start of the period must be a real date"),
    )
    period_end = GovukDateField(
        label=_("End of the period it covers"),
        help_text=_("For example, 31 3 2027"),
        required_message=_("Enter the end of the period"),
        invalid_message=_("The end of the period must be a real date"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.text("name"),
            Field("period_start"),
            Field("period_end"),
            submit_label=_("Start assessment"),
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", PERIOD_BACKWARDS)
        return cleaned


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you reopening this assessment?"),
        help_text=_("This is recorded, with your name and the date, in the assessment's history."),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": REASON_NEEDED,
            "max_length": _("The reason must be %(limit_value)d characters or fewer"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.textarea("reason", rows=4, max_characters=REASON_MAX_LENGTH),
            submit_label=_("Reopen assessment"),
        )


class ContributorInviteForm(forms.Form):
    member = forms.TypedChoiceField(
        label=_("Who would you like to hear from?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select a member to invite"),
            "invalid_choice": _("Select a member from the list"),
        },
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [
            Choice(m.pk, m.user.full_name, hint=f"{m.get_role_display()}, {m.user.email}")
            for m in memberships
        ]
        self.helper = gds_form_helper(
            Field.radios("member", legend_size=Size.MEDIUM), submit_label=_("Invite to give views")
        )


def target_choices():
    return [("", _("No target set")), *[(str(r.value), rating_label(r)) for r in Rating]]


class TargetsForm(VersionedForm):
    """One choice per domain: the level to aim for by the next assessment."""

    def __init__(self, *args, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = domains
        for domain in domains:
            self.fields[f"domain-{domain.pk}"] = forms.TypedChoiceField(
                label=domain.name,
                choices=target_choices(),
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": _("Select a target level from the list")},
            )
        self.helper = gds_form_helper(
            Fieldset(
                *[Field.select(f"domain-{d.pk}") for d in domains],
                legend=_("Target levels by domain area"),
                legend_size=Size.MEDIUM,
            ),
            submit_label=_("Save targets"),
        )

    def targets(self) -> dict[int, int | None]:
        return {d.pk: self.cleaned_data[f"domain-{d.pk}"] for d in self.domains}


YES, NO = "yes", "no"


def _named(value: str) -> bool:
    return value == YES


class ViewsNamingForm(forms.Form):
    """Whether leads see colleagues' views with their names; `was_named` carries what the
    page showed, so a change another lead made meanwhile is not silently overwritten."""

    views_named = forms.TypedChoiceField(
        label=_("How should leads see colleagues' views?"),
        choices=[
            Choice(
                NO,
                _("Anonymous"),
                hint=_(
                    "Without names. A question's views are shown once at least 3 colleagues "
                    "have answered it."
                ),
            ),
            Choice(
                YES,
                _("With names"),
                hint=_(
                    "Each colleague's name is shown beside their notes. You can choose this "
                    "only before anyone has given their views."
                ),
            ),
        ],
        coerce=_named,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose anonymous or with names"),
            "invalid_choice": _("Choose anonymous or with names"),
        },
    )
    was_named = forms.TypedChoiceField(
        choices=[(NO, NO), (YES, YES)], coerce=_named, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.radios("views_named", legend_size=Size.MEDIUM),
            "was_named",
            submit_label=_("Save"),
        )
