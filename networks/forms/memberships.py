"""What an organisation shares with a network (when joining, and after), leaving or
declining, and a coordinator's invitation."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from trauma_wales.forms import gds_form_helper
from trauma_wales.versions import VersionedForm

FIGURES, NAME = "figures", "name"


def _sharing_choices() -> list[Choice]:
    return [
        Choice(
            FIGURES,
            _("Our figures, without our name"),
            hint=_(
                "Our latest submitted scores, how far we have got and our training coverage "
                "count in the network's figures and in other members' comparisons. A figure "
                "is shown only when at least 5 organisations are in it. Nobody sees our "
                "answers, notes, plan or people."
            ),
        ),
        Choice(
            NAME,
            _("Our name beside how far we have got"),
            hint=_(
                "The network's coordinators see our name, our sector, how far we have got "
                "(assessing, assessed, plan approved, delivering) and when we last changed "
                "anything. Never our scores."
            ),
        ),
    ]


class SharingForm(VersionedForm):
    """What the organisation shares with a network: figures (chosen by default when
    joining) and, separately, its name beside its progress."""

    sharing = forms.MultipleChoiceField(
        label=_("What will your organisation share with this network?"),
        help_text=_("Choose any, or none. You can change this or leave the network at any time."),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose from the list")},
    )

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sharing"].choices = _sharing_choices()  # type: ignore[attr-defined]
        self.helper = gds_form_helper(
            Field.checkboxes("sharing", legend_size=Size.MEDIUM),
            submit_label=submit_label or _("Save what we share"),
        )

    @staticmethod
    def initial_for(membership) -> dict:
        return {
            "sharing": [
                key
                for key, on in (
                    (FIGURES, membership.shares_figures),
                    (NAME, membership.shares_name),
                )
                if on
            ]
        }

    def shares(self) -> dict[str, bool]:
        chosen = set(self.cleaned_data["sharing"])
        return {"shares_figures": FIGURES in chosen, "shares_name": NAME in chosen}


class ConfirmForm(forms.Form):
    """One button to confirm a step (leave the network, decline its invitation)."""

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(submit_label=submit_label or _("Confirm"))


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the organisation's lead"),
        help_text=_(
            "Every organisation this person leads is invited. Its leads find the invitation "
            "on their organisation's networks page and by email."
        ),
        max_length=254,
        error_messages={
            "required": _("Enter the email address of the organisation's lead"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.helper = gds_form_helper(
            Field.text("email"),
            submit_label=_("Send the invitation"),
        )
