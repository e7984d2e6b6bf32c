"""Forms for the plan, its actions, review steps, comments, progress and gaps."""

from dataclasses import dataclass
from typing import cast

from crispy_forms.layout import HTML
from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from action_plans.models import TEXT_MAX_LENGTH, Action, DeliveryStatus, PlanStatus
from action_plans.policies import COMMENT_NEEDED
from action_plans.selectors import ActionChoices
from action_plans.services import CANCEL_REASON_NEEDED
from framework.models import Domain
from trauma_wales.forms import (
    GovukDateField,
    IdChoiceField,
    IdMultipleChoiceField,
    gds_form_helper,
)
from trauma_wales.versions import VersionedForm

TITLE_MAX_LENGTH = 200


def _text(label, *, required=True, required_message="", help_text="", max_length=TEXT_MAX_LENGTH):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        widget=forms.Textarea if max_length > TITLE_MAX_LENGTH else forms.TextInput,
        error_messages={
            "required": required_message,
            "max_length": _("This must be %(limit_value)d characters or fewer"),
        },
    )


class PlanForm(forms.Form):
    title = _text(
        _("Title of the plan"),
        required_message=_("Enter a title for the plan"),
        help_text=_("For example, Becoming trauma-informed: 2026 to 2027"),
        max_length=TITLE_MAX_LENGTH,
    )
    period_start = GovukDateField(
        label=_("Start of the plan"),
        help_text=_("For example, 1 4 2026"),
        required_message=_("Enter the start of the plan"),
        invalid_message=_("The start of the plan must be a real date"),
    )
    period_end = GovukDateField(
        label=_("End of the plan"),
        help_text=_("For example, 31 3 2027"),
        required_message=_("Enter the end of the plan"),
        invalid_message=_("The end of the plan must be a real date"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.text("title"),
            Field("period_start"),
            Field("period_end"),
            submit_label=_("Create plan"),
        )


def _text_needed_when(form, choice_field: str, choice, text_field: str, message) -> None:
    """An error on `text_field` when `choice_field` is `choice` and the text is blank."""
    data = form.cleaned_data
    if data.get(choice_field) == choice and not (data.get(text_field) or "").strip():
        form.add_error(text_field, message)


def _choices(field, items, label=str) -> None:
    """Offer `items` (a query, evaluated once here for the page) and accept only those."""
    field.queryset = items
    field.choices = [*([("", field.empty_label)] if field.empty_label else [])] + [
        Choice(item.pk, label(item)) for item in items
    ]


def _from_the_list(message):
    return {"invalid_choice": message, "invalid_pk_value": message, "invalid_list": message}


TARGET_IN_THE_PAST = _("The target date must be today or later")


@dataclass(frozen=True)
class IndicatorCheckbox:
    """One of the field's BoundWidgets and its id, numbered from 1 over the whole field as
    crispy-forms-gds numbers checkboxes (the error summary links to `_1`: app_tags)."""

    widget: forms.boundfield.BoundWidget
    id: str


@dataclass(frozen=True)
class IndicatorGroup:
    """One domain area's indicators on the action form, as checkboxes."""

    domain: Domain
    checkboxes: list[IndicatorCheckbox]
    chosen: int
    open: bool


class ActionForm(VersionedForm, forms.ModelForm):
    """The framework's five columns first (Action, Responsibility, Timescale, Resources,
    Outcome), then what the action is about. The fields are the model's
    (`Action.EDITABLE_FIELDS`); this class says only how they are asked. When changing an
    action it also carries the version it was loaded at (trauma_wales.versions)."""

    description = _text(
        _("Action"),
        required_message=_("Enter what will be done"),
        help_text=_("What will be done, in plain words."),
    )
    responsible_other = _text(
        _("Or a team or partner without an account"),
        required=False,
        help_text=_("For example, the estates team or a local charity."),
        max_length=TITLE_MAX_LENGTH,
    )
    start_date = GovukDateField(
        label=_("Start date (optional)"),
        help_text=_("For example, 1 5 2026"),
        required=False,
        required_message=_("Enter the start date"),
        invalid_message=_("The start date must be a real date"),
    )
    target_date = GovukDateField(
        label=_("Target date for completion"),
        help_text=_("For example, 31 10 2026"),
        required_message=_("Enter the target date for completion"),
        invalid_message=_("The target date must be a real date"),
    )
    resources = _text(
        _("Resources required (optional)"),
        required=False,
        help_text=_("Time, money, people, training or space."),
    )
    outcome = _text(
        _("Outcome"),
        required_message=_("Enter the outcome that will show the action worked"),
        help_text=_("What will show it worked."),
    )

    class Meta:
        model = Action
        fields = Action.EDITABLE_FIELDS
        labels = {
            "responsible_member": _("Who is responsible?"),
            "domain": _("Which domain area does it address?"),
            "priority": _("Priority"),
            "indicators": _("Which indicators does it answer? (optional)"),
            "principles": _("Which principles does it serve?"),
            "practice_levels": _("Which practice levels does it concern?"),
            "ways_of_working": _("Which of the five ways of working does it reflect?"),
        }
        field_classes = {
            "responsible_member": IdChoiceField,
            "domain": IdChoiceField,
            "indicators": IdMultipleChoiceField,
            "principles": IdMultipleChoiceField,
            "practice_levels": IdMultipleChoiceField,
            "ways_of_working": IdMultipleChoiceField,
        }
        widgets = {
            "domain": forms.RadioSelect,
            "priority": forms.RadioSelect,
            "indicators": forms.CheckboxSelectMultiple,
            "principles": forms.CheckboxSelectMultiple,
            "practice_levels": forms.CheckboxSelectMultiple,
            "ways_of_working": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "responsible_member": _from_the_list(_("Choose a member from the list")),
            "domain": {
                "required": _("Choose the domain area it addresses"),
                **_from_the_list(_("Choose a domain area from the list")),
            },
            "priority": {
                "required": _("Choose a priority"),
                "invalid_choice": _("Choose a priority from the list"),
            },
            "indicators": _from_the_list(_("Choose indicators from the list")),
            "principles": _from_the_list(_("Choose from the list")),
            "practice_levels": _from_the_list(_("Choose from the list")),
            "ways_of_working": _from_the_list(_("Choose from the list")),
        }

    def __init__(self, *args, choices: ActionChoices, **kwargs):
        super().__init__(*args, **kwargs)
        fields = cast(dict[str, forms.ModelChoiceField], self.fields)
        fields["responsible_member"].empty_label = _("Nobody with an account")
        _choices(fields["responsible_member"], choices.members, lambda m: m.user.full_name)
        _choices(fields["domain"], choices.domains, lambda d: d.name)
        _choices(fields["indicators"], choices.indicators, lambda i: i.text)
        self._indicator_domains = [i.domain for i in choices.indicators]
        for name in ("principles", "practice_levels", "ways_of_working"):
            _choices(fields[name], getattr(choices, name), lambda item: item.name)
        self.helper = gds_form_helper(
            Field.textarea("description", rows=3, max_characters=TEXT_MAX_LENGTH),
            Fieldset(
                Field.select("responsible_member"),
                Field.text("responsible_other"),
                legend=_("Responsibility"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field("start_date"),
                Field("target_date"),
                legend=_("Timescale for completion"),
                legend_size=Size.MEDIUM,
            ),
            Field.textarea("resources", rows=3, max_characters=TEXT_MAX_LENGTH),
            Field.textarea("outcome", rows=3, max_characters=TEXT_MAX_LENGTH),
            Field.radios("domain", legend_size=Size.MEDIUM),
            Field.radios("priority", legend_size=Size.MEDIUM, inline=True),
            Field.checkboxes("principles", legend_size=Size.SMALL, small=True),
            Field.checkboxes("practice_levels", legend_size=Size.SMALL, small=True),
            Field.checkboxes("ways_of_working", legend_size=Size.SMALL, small=True),
            HTML('{% include "action_plans/_indicator_choices.html" %}'),
            submit_label=_("Save action"),
        )

    def indicator_groups(self) -> list[IndicatorGroup]:
        """The 48 indicators by domain area, each area a disclosure (it works without
        JavaScript): the action's own area first and open, then the others, open only
        where one of theirs is chosen, or when the field has an error to show."""
        field = self["indicators"]
        chosen_domain = str(self["domain"].value() or "")
        by_domain: dict[int, tuple[Domain, list[IndicatorCheckbox]]] = {}
        numbered = enumerate(zip(self._indicator_domains, field, strict=True), start=1)
        for number, (domain, widget) in numbered:
            checkbox = IndicatorCheckbox(widget, f"{field.auto_id}_{number}")
            by_domain.setdefault(domain.pk, (domain, []))[1].append(checkbox)
        groups = []
        for domain, checkboxes in by_domain.values():
            chosen = sum(1 for checkbox in checkboxes if checkbox.widget.data["selected"])
            own = str(domain.pk) == chosen_domain
            groups.append(
                IndicatorGroup(domain, checkboxes, chosen, own or bool(chosen or field.errors))
            )
        groups.sort(key=lambda group: str(group.domain.pk) != chosen_domain)
        return groups

    def clean_target_date(self):
        """A new target date is today or later; a saved one that has passed may stay (the
        action is then shown as overdue), so a late action can still be edited."""
        target = self.cleaned_data.get("target_date")
        unchanged = self.instance.pk is not None and target == self.instance.target_date
        if target and not unchanged and target < timezone.localdate():
            raise forms.ValidationError(TARGET_IN_THE_PAST)
        return target

    def action_values(self) -> dict:
        """What `action_save` takes: the editable fields, by name."""
        return {name: self.cleaned_data[name] for name in Action.EDITABLE_FIELDS}


class ReviewForm(VersionedForm):
    """A reviewer's decision: approve, or ask for changes (a comment is then needed), on
    the plan's version the page showed."""

    decision = forms.ChoiceField(
        label=_("What is your decision?"),
        choices=[
            (PlanStatus.APPROVED, _("Approve the plan")),
            (PlanStatus.CHANGES_REQUESTED, _("Ask for changes")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether to approve the plan or ask for changes"),
            "invalid_choice": _("Choose from the list"),
        },
    )
    comment = _text(
        _("Comment"),
        required=False,
        help_text=_("Needed if you ask for changes: say what should change."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.textarea("comment", rows=4, max_characters=TEXT_MAX_LENGTH),
            submit_label=_("Send decision"),
        )

    def clean(self):
        cleaned = super().clean()
        _text_needed_when(self, "decision", PlanStatus.CHANGES_REQUESTED, "comment", COMMENT_NEEDED)
        return cleaned


class CommentForm(forms.Form):
    body = _text(
        _("Add a comment"),
        required_message=_("Enter a comment"),
        help_text=_("Everyone who can see the plan can read comments."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.textarea("body", rows=3, max_characters=TEXT_MAX_LENGTH),
            submit_label=_("Add comment"),
        )
        self.helper.form_tag = False  # pages wrap it with a marker of which form was sent


class ProgressForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=DeliveryStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the status of the action"),
            "invalid_choice": _("Choose a status from the list"),
        },
    )
    cancelled_reason = _text(
        _("If cancelled, why?"),
        required=False,
        help_text=_("Only needed when the status is Cancelled."),
    )
    recorded_on = GovukDateField(
        label=_("Date of this update"),
        help_text=_("For example, 5 1 2027"),
        required_message=_("Enter the date of this update"),
        invalid_message=_("The date of this update must be a real date"),
    )
    note = _text(
        _("What has happened?"),
        required_message=_("Enter a short note on progress"),
        help_text=_("A sentence or two is enough."),
    )

    def __init__(self, *args, statuses: list[str] | None = None, **kwargs):
        """`statuses`: the ones the policy allows from the action's status (all if None)."""
        kwargs.setdefault("initial", {}).setdefault("recorded_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        if statuses is not None:
            self.fields["status"].choices = [
                (value, label) for value, label in DeliveryStatus.choices if value in statuses
            ]
        self.helper = gds_form_helper(
            Field.radios("status", legend_size=Size.SMALL, small=True),
            Field.textarea("cancelled_reason", rows=2, max_characters=TEXT_MAX_LENGTH),
            Field("recorded_on"),
            Field.textarea("note", rows=3, max_characters=TEXT_MAX_LENGTH),
            submit_label=_("Record progress"),
        )
        self.helper.form_tag = False  # pages wrap it with a marker of which form was sent

    def clean(self):
        cleaned = super().clean()
        _text_needed_when(
            self, "status", DeliveryStatus.CANCELLED, "cancelled_reason", CANCEL_REASON_NEEDED
        )
        return cleaned


class DismissGapForm(forms.Form):
    reason = _text(
        _("Why will this not be acted on?"),
        required_message=_("Say why this gap will not be acted on"),
        help_text=_("The reason is kept with the plan."),
        max_length=1000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.textarea("reason", rows=3, max_characters=1000),
            submit_label=_("Set aside this gap"),
        )
