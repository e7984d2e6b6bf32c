"""The report's options: board summary or full report, in English or Welsh, and, for an
organisation with others to compare with, whether to show how it compares."""

from dataclasses import dataclass
from urllib.parse import urlencode

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reports.selectors import FULL, SUMMARY
from trauma_wales.forms import gds_form_helper

LANGUAGE_CHOICES = [("en", _("English")), ("cy", _("Welsh"))]
# How the versions and languages are named in a sentence ("the PDF of the board summary
# for ..., in Welsh"): whole phrases, as Welsh mutates a word after "yn" (yn Gymraeg).
VERSION_NAMES = [(SUMMARY, _("board summary")), (FULL, _("full board report"))]
IN_LANGUAGE = [("en", _("in English")), ("cy", _("in Welsh"))]
YES, NO = "yes", "no"


@dataclass(frozen=True)
class ReportChoice:
    """The report someone chose: which version, in which language, with the comparison?"""

    version: str
    language: str
    compare: bool = False

    @property
    def params(self) -> dict[str, str]:
        """As the report page and its PDF are asked for: a query string, or a GET form."""
        options = {"version": self.version, "language": self.language}
        if self.compare:
            options["compare"] = YES
        return options

    @property
    def query(self) -> str:
        return urlencode(self.params)


class ReportOptionsForm(forms.Form):
    version = forms.ChoiceField(
        label=_("Which report?"),
        choices=[
            (SUMMARY, _("Board summary: cover, summary, domain area charts and the action plan")),
            (
                FULL,
                _(
                    "Full report: everything, including practice principle scores and each "
                    "domain area in detail"
                ),
            ),
        ],
        initial=FULL,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the board summary or the full report"),
            "invalid_choice": _("Choose the board summary or the full report"),
        },
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose English or Welsh"),
            "invalid_choice": _("Choose English or Welsh"),
        },
    )

    compare = forms.TypedChoiceField(
        label=_("Show how we compare with other organisations?"),
        help_text=_(
            "Our domain area scores beside the median and middle half of the scores of other "
            "organisations that share their figures, as on the results page"
        ),
        choices=[
            (YES, pgettext_lazy("a yes or no value", "Yes")),
            (NO, pgettext_lazy("a yes or no value", "No")),
        ],
        coerce=lambda answer: answer == YES,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose yes or no")},
    )

    def __init__(self, *args, offer_comparison: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [
            Field.radios("version", legend_size=Size.SMALL),
            Field.radios("language", legend_size=Size.SMALL, inline=True),
        ]
        if offer_comparison:
            fields.append(Field.radios("compare", legend_size=Size.SMALL, inline=True))
        else:
            del self.fields["compare"]
        self.helper = gds_form_helper(*fields, submit_label=_("Show this report"))
        self.helper.form_method = "get"
        self.helper.form_tag = True
        self.helper.attrs = {"novalidate": ""}
        self.helper.disable_csrf = True

    def choice(self) -> ReportChoice:
        """What a valid form chose."""
        data = self.cleaned_data
        return ReportChoice(data["version"], data["language"], bool(data.get("compare")))
