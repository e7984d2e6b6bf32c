"""Forms for a network's case studies: publishing one (a lead), choosing a domain area to
read (any member, and coordinators), and highlighting one (a coordinator).

The publish form's messages are the service's (networks.services.case_studies), so the
page says the same thing whichever of the two refuses the text."""

from typing import cast

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Button, Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from networks.models import TEXT_MAX_LENGTH
from networks.services.case_studies import TEXTS
from trauma_wales.forms import IdChoiceField, gds_form_helper

NAMED = "named"  # the one choice of the `named` field: show the organisation's name
INDICATOR_NEEDED = _("Choose the indicator the case study is about")
INDICATOR_NOT_LISTED = _("Choose an indicator from the list")


def _text(name: str, label, help_text, widget=forms.Textarea) -> forms.CharField:
    needed, limit, too_long = TEXTS[name]
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=limit,
        widget=widget,
        error_messages={"required": needed, "max_length": too_long},
    )


def _grouped_by_domain(indicators) -> list:
    """Select choices with one group per domain area, in framework order."""
    groups: dict[int, tuple[str, list]] = {}
    for indicator in indicators:
        domain = indicator.domain
        groups.setdefault(domain.pk, (str(domain.name), []))[1].append(
            (indicator.pk, str(indicator.text))
        )
    return [("", _("Choose an indicator")), *groups.values()]


class CaseStudyForm(forms.Form):
    """A case study: its title, what changed, for which indicator, what helped, and
    whether to show the organisation's name (only if the lead chooses to)."""

    title = _text(
        "title",
        _("Title"),
        _("A few words on what you did, for example, A calmer waiting room"),
        widget=forms.TextInput,
    )
    indicator = IdChoiceField(
        label=_("Which indicator is it about?"),
        help_text=_("The indicators of the current framework, by domain area."),
        queryset=None,
        error_messages={
            "required": INDICATOR_NEEDED,
            "invalid_choice": INDICATOR_NOT_LISTED,
            "invalid_pk_value": INDICATOR_NOT_LISTED,
        },
    )
    what_changed = _text(
        "what_changed",
        _("What changed?"),
        _("What you did differently, and the difference it made to people."),
    )
    what_helped = _text(
        "what_helped",
        _("What helped?"),
        _("What made the change possible, or what you would tell another organisation."),
    )
    named = forms.MultipleChoiceField(
        label=_("Your organisation's name"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose from the list")},
    )

    def __init__(self, *args, indicators, **kwargs):
        """`indicators`: what the case study may be about (a query, read once here)."""
        super().__init__(*args, **kwargs)
        field = cast(IdChoiceField, self.fields["indicator"])
        field.queryset = indicators
        field.choices = _grouped_by_domain(indicators)
        cast(forms.MultipleChoiceField, self.fields["named"]).choices = [
            Choice(
                NAMED,
                _("Show our organisation's name with this case study"),
                hint=_(
                    "If you leave this unticked, members of the network read it as from "
                    "“a member organisation”."
                ),
            )
        ]
        self.helper = gds_form_helper(
            Field.text("title"),
            Field.select("indicator"),
            Field.textarea("what_changed", rows=5, max_characters=TEXT_MAX_LENGTH),
            Field.textarea("what_helped", rows=5, max_characters=TEXT_MAX_LENGTH),
            Field.checkboxes("named", legend_size=Size.SMALL, small=True),
            submit_label=_("Publish the case study"),
        )

    def case_study_values(self) -> dict:
        """What `case_study_publish` takes, by name."""
        values = {
            name: self.cleaned_data[name]
            for name in ("title", "indicator", "what_changed", "what_helped")
        }
        return {**values, "named": NAMED in self.cleaned_data["named"]}


class DomainFilterForm(forms.Form):
    """Which domain area's case studies to show, sent in the address (GET) so it works
    without JavaScript. It is never bound: a code that is not a domain area of the
    current framework shows every case study, without an error, as the first choice."""

    domain = forms.ChoiceField(label=_("Domain area"), required=False, choices=[])

    def __init__(self, data=None, *, domains: list[tuple[str, str]], **kwargs):
        """`data`: the request's query; `domains`: (code, name) of each domain area."""
        codes = {code for code, _name in domains}
        asked = (data or {}).get("domain", "")
        self.chosen: str = asked if asked in codes else ""
        super().__init__(initial={"domain": self.chosen}, **kwargs)
        cast(forms.ChoiceField, self.fields["domain"]).choices = [
            ("", _("All domain areas")),
            *domains,
        ]
        self.helper = gds_form_helper(
            Field.select("domain"), Button.secondary("submit", _("Show case studies"))
        )
        self.helper.form_method = "get"
        self.helper.disable_csrf = True


HIGHLIGHT, STOP_HIGHLIGHTING = "1", "0"


class HighlightForm(forms.Form):
    """One button on one case study: highlight it, or stop highlighting it. Pages write
    the hidden value themselves (one form per case study, so no field ids repeat)."""

    highlighted = forms.TypedChoiceField(
        choices=[(HIGHLIGHT, HIGHLIGHT), (STOP_HIGHLIGHTING, STOP_HIGHLIGHTING)],
        coerce=lambda value: value == HIGHLIGHT,
        widget=forms.HiddenInput,
    )
