"""Forms for registering an organisation, inviting people and changing roles."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import NAME_MAX_LENGTH, Sector, SizeBand
from trauma_wales.forms import gds_form_helper
from trauma_wales.permissions import ROLE_DESCRIPTIONS, Role
from trauma_wales.versions import VersionedForm

BOTH_LANGUAGES = "both"


class OrganisationForm(VersionedForm):
    """Registering an organisation (no version yet) or changing its details."""

    name = forms.CharField(
        label=_("Organisation name"),
        max_length=NAME_MAX_LENGTH,
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

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.text("name"),
            Field.radios("sector", legend_size=Size.MEDIUM),
            Field.radios("size_band", legend_size=Size.MEDIUM),
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
