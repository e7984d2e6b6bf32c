"""Forms for consensus sessions: recording a session, and the group's decision on one
indicator on the facilitation page."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fieldset, Fixed, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.forms.answers import BAD_REVISION
from assessments.models import Outcome, Perspective, Rating, ReadinessValue, rating_label
from assessments.models.sessions import GUESTS_MAX, SESSION_TEXT_MAX_LENGTH
from assessments.services.answers import NOT_APPLICABLE_NEEDS_REASON
from assessments.services.sessions import SessionDecision
from trauma_wales.forms import GovukDateField, gds_form_helper, optional_text
from trauma_wales.versions import VersionedForm

NOT_APPLICABLE = ReadinessValue.NOT_APPLICABLE.value
NOBODY = _("Say who took part: choose members, or count the people without an account")


def _text(label, hint=""):
    return optional_text(label, hint, max_length=SESSION_TEXT_MAX_LENGTH)


class SessionForm(VersionedForm):
    """Records a session, or corrects one (then it carries the session's version)."""

    held_on = GovukDateField(
        label=_("When was the session?"),
        help_text=_("For example, 14 1 2027"),
        required_message=_("Enter the date of the session"),
        invalid_message=_("The date of the session must be a real date"),
    )
    members = forms.TypedMultipleChoiceField(
        label=_("Members who took part"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose members from the list")},
    )
    guest_names = _text(
        _("Names of people without an account (optional)"),
        _("Only if they agreed to be named. Otherwise the numbers above are enough."),
    )

    def __init__(self, *args, memberships, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {m.user_id: m.user for m in memberships}
        members = self.fields["members"]
        assert isinstance(members, forms.TypedMultipleChoiceField)
        members.choices = [
            Choice(m.user_id, m.user.shown_name, hint=m.get_role_display()) for m in memberships
        ]
        for perspective in Perspective:
            self.fields[f"guests_{perspective.value}"] = forms.IntegerField(
                label=perspective.label,
                min_value=0,
                max_value=GUESTS_MAX,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    "invalid": _("Enter a whole number, such as 2"),
                    "min_value": _("Enter a number from 0 to %(limit_value)s")
                    % {"limit_value": GUESTS_MAX},
                    "max_value": _("Enter a number from 0 to %(limit_value)s"),
                },
            )
        self.helper = gds_form_helper(
            Field("held_on"),
            Field.checkboxes("members", legend_size=Size.SMALL, small=True),
            Fieldset(
                *[Field.text(f"guests_{p.value}", field_width=Fixed.TWO) for p in Perspective],
                legend=_("People without an account who took part, by perspective"),
                legend_size=Size.SMALL,
            ),
            Field.textarea("guest_names", rows=2, max_characters=SESSION_TEXT_MAX_LENGTH),
            submit_label=submit_label or _("Record the session"),
        )

    @staticmethod
    def initial_for(session) -> dict:
        initial = {
            "held_on": session.held_on,
            "members": [person.pk for person in session.members.all()],
            "guest_names": session.guest_names,
        }
        initial.update({f"guests_{key}": n for key, n in session.guests.items()})
        return initial

    def people_chosen(self) -> list:
        """The people chosen (the field offers only the organisation's members)."""
        return [self.people[pk] for pk in self.cleaned_data["members"]]

    def guests(self) -> dict[str, int]:
        return {p.value: self.cleaned_data.get(f"guests_{p.value}") or 0 for p in Perspective}

    def clean(self):
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("members") and not any(self.guests().values()):
            raise forms.ValidationError(NOBODY, code="nobody")
        return cleaned


def decision_choices():
    ratings = [Choice(str(r.value), rating_label(r)) for r in Rating]
    ratings[-1].divider = _("or")
    return [
        *ratings,
        Choice(
            NOT_APPLICABLE,
            ReadinessValue.NOT_APPLICABLE.label,
            hint=_("Say why below. It will be left out of your scores."),
        ),
        Choice(
            Outcome.NOT_AGREED.value,
            Outcome.NOT_AGREED.label,
            hint=_("The answer stays as it is, and this comes back at the next session."),
        ),
    ]


class FacilitationForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    decision = forms.ChoiceField(
        label=_("What did the group agree?"),
        choices=decision_choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the rating the group agreed, or “Not agreed yet”"),
            "invalid_choice": _("Choose an answer from the list"),
        },
    )
    reason = _text(
        _("Why we agreed it"),
        _("What the group weighed up: evidence, what people said, what tipped it."),
    )
    actions = _text(
        _("Actions to consider (optional)"),
        _("Ideas that came up, for the action plan."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.textarea("reason", rows=4, max_characters=SESSION_TEXT_MAX_LENGTH),
            Field.textarea("actions", rows=3, max_characters=SESSION_TEXT_MAX_LENGTH),
        )
        self.helper.form_tag = False  # the page adds its two buttons

    def clean(self):
        cleaned = super().clean() or {}
        if "revision" in self.errors:
            del self.errors["revision"]
            raise forms.ValidationError(BAD_REVISION, code="bad_revision")
        if cleaned.get("decision") == NOT_APPLICABLE and not cleaned.get("reason", "x").strip():
            self.add_error("reason", forms.ValidationError(NOT_APPLICABLE_NEEDS_REASON, "required"))
        return cleaned

    def decision_value(self) -> SessionDecision:
        chosen = self.cleaned_data["decision"]
        if chosen == Outcome.NOT_AGREED:
            outcome, score, not_applicable = Outcome.NOT_AGREED.value, None, False
        else:
            outcome = Outcome.AGREED.value
            score = None if chosen == NOT_APPLICABLE else int(chosen)
            not_applicable = chosen == NOT_APPLICABLE
        return SessionDecision(
            outcome=outcome,
            score=score,
            not_applicable=not_applicable,
            reason=self.cleaned_data.get("reason", ""),
            actions=self.cleaned_data.get("actions", ""),
        )
