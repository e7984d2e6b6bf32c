"""Forms for feedback rounds: the lead's (open, change, close a round; include a comment)
and the public one a person answers without an account."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fixed, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from trauma_wales.forms import GovukDateField, gds_form_helper, optional_text
from trauma_wales.versions import VersionedForm
from voices.default_support import SUPPORT_CY, SUPPORT_EN
from voices.models import (
    COMMENT_MAX_LENGTH,
    MIN_GROUP,
    RESPONSES_MAX,
    SUPPORT_MAX_LENGTH,
    Agreement,
    Audience,
    CommentDecision,
    FeedbackRound,
    FeedbackStatement,
)

HONEYPOT = "website"
ONE_AT_A_TIME, ALL_ON_ONE_PAGE = "one", "all"
STANDARD, EASY_READ = "standard", "easy"


class AudienceForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Who are you asking?"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who you are asking"),
            "invalid_choice": _("Choose who you are asking"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.radios("audience", legend_size=Size.MEDIUM, legend_tag="h2"),
            submit_label=_("Continue"),
        )


def _closes_on():
    return GovukDateField(
        label=_("Closing date"),
        help_text=_("The link takes answers until the end of this day. For example, 31 1 2027"),
        required_message=_("Enter the closing date"),
        invalid_message=_("The closing date must be a real date"),
    )


def _max_responses():
    return forms.IntegerField(
        label=_("Most responses to accept"),
        help_text=_("The link stops taking answers once it has this many."),
        min_value=MIN_GROUP,
        max_value=RESPONSES_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the most responses to accept"),
            "invalid": _("Enter a whole number, such as 300"),
            "min_value": _("Enter a number from %(low)d to %(high)d")
            % {"low": MIN_GROUP, "high": RESPONSES_MAX},
            "max_value": _("Enter a number from %(low)d to %(high)d")
            % {"low": MIN_GROUP, "high": RESPONSES_MAX},
        },
    )


def _support(label, required_message, language: str):
    return forms.CharField(
        label=label,
        help_text=_(
            "Shown to people before they start and after they answer. Start with the "
            "Wales-wide services below, and add your own, such as a named team to talk to."
        ),
        max_length=SUPPORT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"lang": language}),
        error_messages={
            "required": required_message,
            "max_length": _("This must be %(limit_value)d characters or fewer"),
        },
    )


class RoundDetailsForm(VersionedForm):
    """What a lead can change while a round is open."""

    closes_on = _closes_on()
    max_responses = _max_responses()
    support_en = _support(
        _("Where to find support, in English"),
        _("Say where people can find support in English"),
        "en",
    )
    support_cy = _support(
        _("Where to find support, in Welsh"),
        _("Say where people can find support in Welsh"),
        "cy",
    )

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(*self.layout_fields(), submit_label=submit_label)

    def layout_fields(self) -> list:
        return [
            Field("closes_on"),
            Field.text("max_responses", field_width=Fixed.FIVE),
            Field.textarea("support_en", rows=8, max_characters=SUPPORT_MAX_LENGTH),
            Field.textarea("support_cy", rows=8, max_characters=SUPPORT_MAX_LENGTH),
        ]

    @staticmethod
    def initial_for(feedback_round) -> dict:
        return {
            "closes_on": feedback_round.closes_on,
            "max_responses": feedback_round.max_responses,
            "support_en": feedback_round.support_en,
            "support_cy": feedback_round.support_cy,
        }


class RoundOpenForm(RoundDetailsForm):
    """A new round: the details, and which statements it asks."""

    statements = forms.TypedMultipleChoiceField(
        label=_("Statements to ask about"),
        help_text=_(
            "Each speaks to one or two domain areas. People can answer in English or Welsh, "
            "in the usual or the easy-read wording."
        ),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least 3 statements to ask about"),
            "invalid_choice": _("Choose statements from the list"),
        },
    )

    def __init__(self, *args, statements, **kwargs):
        self.offered = {s.pk: s for s in statements}
        super().__init__(*args, **kwargs)
        field = self.fields["statements"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [
            Choice(s.pk, s.text, hint=", ".join(d.name for d in s.domains.all()))
            for s in self.offered.values()
        ]

    def layout_fields(self) -> list:
        return [
            Field.checkboxes("statements", legend_size=Size.SMALL, small=True),
            *super().layout_fields(),
        ]

    @staticmethod
    def initial_values(statements) -> dict:
        return {
            "statements": [s.pk for s in statements],
            "max_responses": FeedbackRound._meta.get_field("max_responses").default,
            "support_en": SUPPORT_EN,
            "support_cy": SUPPORT_CY,
        }

    def statements_chosen(self) -> list[FeedbackStatement]:
        return [self.offered[pk] for pk in self.cleaned_data["statements"]]


class RoundCloseForm(VersionedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(submit_label=_("Close the round now"))


class CommentDecisionForm(forms.Form):
    """One button on one comment: include it, or leave it out. `shown` is the decision the
    page showed, so a choice made by someone else in between is not overwritten."""

    comment = forms.CharField(max_length=20)
    decision = forms.ChoiceField(
        choices=[
            (CommentDecision.INCLUDED, CommentDecision.INCLUDED.label),
            (CommentDecision.LEFT_OUT, CommentDecision.LEFT_OUT.label),
        ],
        error_messages={"required": _("Choose whether to include the comment")},
    )
    shown = forms.ChoiceField(choices=CommentDecision.choices)


class StartForm(forms.Form):
    """How a person would like to answer: the choices on the round's first page."""

    layout = forms.ChoiceField(
        label=_("How would you like to answer?"),
        choices=[
            Choice(ONE_AT_A_TIME, _("One statement at a time")),
            Choice(ALL_ON_ONE_PAGE, _("All the statements on one page")),
        ],
        initial=ONE_AT_A_TIME,
        widget=forms.RadioSelect,
    )
    words = forms.ChoiceField(
        label=_("Which wording would you like?"),
        choices=[
            Choice(STANDARD, _("The usual wording")),
            Choice(EASY_READ, _("Easy read: short sentences and simple words")),
        ],
        initial=STANDARD,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.radios("layout", legend_size=Size.SMALL),
            Field.radios("words", legend_size=Size.SMALL),
            submit_label=_("Start"),
        )
        self.helper.form_method = "get"


def statement_field_name(statement: FeedbackStatement) -> str:
    return f"statement_{statement.pk}"


class ResponseForm(forms.Form):
    """Every statement of the round (each may be left blank, or answered "Prefer not to
    say"), a comment, and a field people never see, which only a program filling in
    every field would complete."""

    comment = optional_text(
        _("Is there anything else you would like to tell us? (optional)"),
        _(
            "Please do not write your name or anyone else's: we remove names, email "
            "addresses and phone numbers before anyone reads it."
        ),
        max_length=COMMENT_MAX_LENGTH,
    )
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args, statements, easy_read: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # Laid out by its template (templates/voices/public/answer.html); the helper is for
        # the error summary.
        self.helper = gds_form_helper()
        self.statements = statements
        for statement in statements:
            text = (statement.easy_read or statement.text) if easy_read else statement.text
            self.fields[statement_field_name(statement)] = forms.ChoiceField(
                label=text,
                required=False,
                choices=Agreement.choices,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the answers")},
            )

    def answers(self) -> dict[int, str]:
        return {
            statement.pk: self.cleaned_data[statement_field_name(statement)]
            for statement in self.statements
            if self.cleaned_data.get(statement_field_name(statement))
        }

    def is_trap_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())
