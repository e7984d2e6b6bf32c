"""Forms for registering an organisation, inviting people, changing roles and filtering
the history of changes."""

from typing import cast

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import (
    NAME_HAS_ADDRESS,
    NAME_MAX_LENGTH,
    Area,
    AreaKind,
    Sector,
    SizeBand,
)
from organisations.selectors import HistoryFilters
from trauma_wales.audit_text import audit_kinds
from trauma_wales.forms import GovukDateField, IdMultipleChoiceField, gds_form_helper
from trauma_wales.names import NoWebAddressValidator
from trauma_wales.permissions import ROLE_DESCRIPTIONS, Role
from trauma_wales.versions import VersionedForm

BOTH_LANGUAGES = "both"


class OrganisationForm(VersionedForm):
    """Registering an organisation (no version yet) or changing its details."""

    name = forms.CharField(
        label=_("Organisation name"),
        max_length=NAME_MAX_LENGTH,
        validators=[NoWebAddressValidator(NAME_HAS_ADDRESS)],
        error_messages={
            "required": _("Enter the name of the organisation"),
            "max_length": _("Organisation name must be %(limit_value)d characters or fewer"),
        },
    )
    sector = forms.ChoiceField(
        label=_("Which sector is the organisation in?"),
        choices=Sector.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the sector the organisation is in"),
            "invalid_choice": _("Select a sector from the list"),
        },
    )
    size_band = forms.ChoiceField(
        label=_("How many staff and volunteers does it have?"),
        choices=SizeBand.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how many staff and volunteers the organisation has"),
            "invalid_choice": _("Select a size from the list"),
        },
    )

    areas = IdMultipleChoiceField(
        label=_("Which local authority areas does it work in?"),
        help_text=_(
            "Choose every area where you offer services. Networks count you in these "
            "areas and in their health board and regional partnership board areas."
        ),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose areas from the list"),
            "invalid_pk_value": _("Choose areas from the list"),
            "invalid_list": _("Choose areas from the list"),
        },
    )

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        areas = list(Area.objects.filter(kind=AreaKind.LOCAL_AUTHORITY))
        field = cast(forms.ModelMultipleChoiceField, self.fields["areas"])
        field.queryset = Area.objects.filter(kind=AreaKind.LOCAL_AUTHORITY)
        field.choices = [Choice(area.pk, area.name) for area in areas]
        self.helper = gds_form_helper(
            Field.text("name"),
            Field.radios("sector", legend_size=Size.MEDIUM),
            Field.radios("size_band", legend_size=Size.MEDIUM),
            Field.checkboxes("areas", legend_size=Size.MEDIUM, small=True),
            submit_label=submit_label or _("Register organisation"),
        )


def role_choices_with_hints() -> list[Choice]:
    return [Choice(role.value, role.label, hint=ROLE_DESCRIPTIONS[role]) for role in Role]


class RoleField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=role_choices_with_hints(),
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Select a role"),
                "invalid_choice": _("Select a role from the list"),
            },
            **kwargs,
        )


def role_radios() -> Field:
    return Field.radios("role", legend_size=Size.MEDIUM)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We will email them a link to join. The link works for 14 days."),
        error_messages={
            "required": _("Enter the email address of the person you want to invite"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
            "max_length": _("Email address must be %(limit_value)d characters or fewer"),
        },
    )
    role = RoleField(label=_("What role should they have?"))
    language = forms.ChoiceField(
        label=_("Which language should the invitation email be in?"),
        choices=[
            (BOTH_LANGUAGES, _("Welsh and English, Welsh first")),
            ("cy", _("Welsh")),
            ("en", _("English")),
        ],
        initial=BOTH_LANGUAGES,
        widget=forms.RadioSelect,
        help_text=_("If you do not know which they prefer, send both."),
        error_messages={
            "required": _("Select the language of the invitation email"),
            "invalid_choice": _("Select a language from the list"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.helper = gds_form_helper(
            Field.text("email"),
            role_radios(),
            Field.radios("language", legend_size=Size.MEDIUM),
            submit_label=_("Send invitation"),
        )

    def clean_language(self) -> str:
        """The service takes "" for both languages."""
        language = self.cleaned_data["language"]
        return "" if language == BOTH_LANGUAGES else language


class ChangeRoleForm(VersionedForm):
    role = RoleField(label=_("Role"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(role_radios(), submit_label=_("Save role"))


class HistoryFilterForm(forms.Form):
    """The history page's filters, sent in the address (GET), so they work without
    JavaScript and a filtered page can be bookmarked or shared with another lead."""

    person = forms.TypedChoiceField(
        label=_("Person"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a person from the list")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of change"),
        required=False,
        error_messages={"invalid_choice": _("Choose a kind of change from the list")},
    )
    date_from = GovukDateField(
        label=_("From"),
        help_text=_("For example, 1 4 2026"),
        required=False,
        required_message=_("Enter the date to show changes from"),
        invalid_message=_("The date to show changes from must be a real date"),
    )
    date_to = GovukDateField(
        label=_("To"),
        help_text=_("For example, 30 4 2026"),
        required=False,
        required_message=_("Enter the date to show changes to"),
        invalid_message=_("The date to show changes to must be a real date"),
    )

    def __init__(self, *args, people: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["person"]).choices = [("", _("Anyone")), *people]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            ("", _("Any kind")),
            *((kind.code, kind.label) for kind in audit_kinds()),
        ]
        self.helper = gds_form_helper(
            Field.select("person"),
            Field.select("kind"),
            Field("date_from"),
            Field("date_to"),
            submit_label=_("Apply filters"),
        )
        self.helper.form_method = "get"
        self.helper.form_tag = True
        self.helper.disable_csrf = True

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to",
                _("The date to show changes to must be the same as or after the from date"),
            )
        return cleaned

    def filters(self) -> HistoryFilters:
        """The filters that are valid (a bad one is shown as an error and left out)."""
        if not self.is_bound:
            return HistoryFilters()
        self.is_valid()
        valid = {
            name: value for name, value in self.cleaned_data.items() if name not in self.errors
        }
        return HistoryFilters(
            person=valid.get("person"),
            kind=valid.get("kind") or "",
            date_from=valid.get("date_from"),
            date_to=valid.get("date_to"),
        )
