"""The report's options: board summary or full report, in English or Welsh."""

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from reports.selectors import FULL, SUMMARY
from trauma_wales.forms import gds_form_helper

LANGUAGE_CHOICES = [("en", _("English")), ("cy", _("Welsh"))]
# How the versions and languages are named in a sentence ("the PDF of the board summary
# for ..., in Welsh"): whole phrases, as Welsh mutates a word after "yn" (yn Gymraeg).
VERSION_NAMES = [(SUMMARY, _("board summary")), (FULL, _("full board report"))]
IN_LANGUAGE = [("en", _("in English")), ("cy", _("in Welsh"))]


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.radios("version", legend_size=Size.SMALL),
            Field.radios("language", legend_size=Size.SMALL, inline=True),
            submit_label=_("Show this report"),
        )
        self.helper.form_method = "get"
        self.helper.form_tag = True
        self.helper.attrs = {"novalidate": ""}
        self.helper.disable_csrf = True
