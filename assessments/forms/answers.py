"""The question pages: one form for readiness, one per domain, built from the content.

Field names carry the question's id (`q12-rating`). Posted answers for questions that
are not on the page (a tampered or out-of-date form) make the whole form invalid, so
nothing is saved.
"""

import re

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import HTML, Div, Field, Size, Submit
from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from assessments.models import Rating, ReadinessValue
from assessments.models.answers import NOTE_MAX_LENGTH
from assessments.services.answers import IndicatorInput, ReadinessInput
from trauma_wales.forms import gds_form_helper

DONT_KNOW = "dont_know"
SAVE_AND_CONTINUE, SAVE_AND_RETURN = "save_continue", "save_later"
QUESTION_KEY = re.compile(r"^q(\d+)-")
FOREIGN_QUESTION = _(
    "This page has changed since it was opened. Nothing was saved: open the page again and "
    "re-enter your answers."
)


def rating_choices():
    ratings = [Choice(str(r.value), f"{r.value} {r.label}") for r in Rating]
    ratings[-1] = Choice(str(Rating.EMBEDDED.value), f"4 {Rating.EMBEDDED.label}", divider=_("or"))
    return [*ratings, Choice(DONT_KNOW, _("Don't know"))]


def readiness_choices():
    values = [Choice(v.value, v.label) for v in ReadinessValue]
    values[2] = Choice(ReadinessValue.NOT_YET.value, ReadinessValue.NOT_YET.label, divider=_("or"))
    return values


class SectionForm(forms.Form):
    """Shared behaviour: the revision the page was loaded at, and refusing foreign questions."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, questions, extras=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.extras = extras or {}
        self.question_ids = {q.pk for q in self.questions}
        for number, question in enumerate(self.questions, start=1):
            self.add_question_fields(question, number)

    def add_question_fields(self, question, number):
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        posted = {int(m.group(1)) for key in self.data if (m := QUESTION_KEY.match(key))}
        if posted - self.question_ids:
            raise forms.ValidationError(FOREIGN_QUESTION, code="foreign_question")
        return cleaned

    def button_group(self) -> Div:
        return Div(
            Submit(SAVE_AND_CONTINUE, _("Save and continue")),
            Submit(
                SAVE_AND_RETURN, _("Save and come back later"), css_class="govuk-button--secondary"
            ),
            css_class="govuk-button-group",
        )

    def question_block(self, question, number, fields):
        extra = render_to_string(
            "assessments/questions/_question_extras.html",
            {"question": question, "number": number, "total": len(self.questions),
             **self.extras.get(question.pk, {})},
        )  # fmt: skip
        return Div(HTML(extra), *fields, css_class="app-question", css_id=f"question-{question.pk}")


def _note_field(label, hint):
    # crispy-forms-gds needs a hint on a character-count textarea (it reads its id).
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={"max_length": _("Notes must be %(limit_value)d characters or fewer")},
    )


class DomainAnswersForm(SectionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        blocks = [
            self.question_block(
                q,
                n,
                [
                    Field.radios(f"q{q.pk}-rating", legend_size=Size.SMALL, small=True),
                    Field.textarea(f"q{q.pk}-evidence", rows=3, max_characters=NOTE_MAX_LENGTH),
                    Field.checkbox(f"q{q.pk}-priority", small=True),
                ],
            )
            for n, q in enumerate(self.questions, start=1)
        ]
        self.helper = gds_form_helper(*blocks, Field("revision"), self.button_group())

    def add_question_fields(self, question, number):
        self.fields[f"q{question.pk}-rating"] = forms.ChoiceField(
            label=question.text,
            help_text=question.guidance,
            choices=rating_choices(),
            widget=forms.RadioSelect,
            required=False,
            error_messages={"invalid_choice": _("Select a rating from the list")},
        )
        self.fields[f"q{question.pk}-evidence"] = _note_field(
            _("Evidence notes (optional)"),
            _(
                "What shows this, for example a document, a meeting, feedback or something "
                "you have seen."
            ),
        )
        self.fields[f"q{question.pk}-priority"] = forms.BooleanField(
            label=_("Mark this as a priority for action"), required=False
        )

    def answers(self) -> dict[int, IndicatorInput]:
        result = {}
        for q in self.questions:
            rating = self.cleaned_data.get(f"q{q.pk}-rating") or ""
            result[q.pk] = IndicatorInput(
                score=int(rating) if rating.isdigit() else None,
                dont_know=rating == DONT_KNOW,
                evidence=self.cleaned_data.get(f"q{q.pk}-evidence", ""),
                priority=bool(self.cleaned_data.get(f"q{q.pk}-priority")),
            )
        return result

    @staticmethod
    def initial_for(answers: dict, revision: int) -> dict:
        initial = {"revision": revision}
        for indicator_id, a in answers.items():
            rating = DONT_KNOW if a.dont_know else ("" if a.score is None else str(a.score))
            initial.update(
                {
                    f"q{indicator_id}-rating": rating,
                    f"q{indicator_id}-evidence": a.evidence,
                    f"q{indicator_id}-priority": a.priority,
                }
            )
        return initial


class ReadinessAnswersForm(SectionForm):
    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        numbers = {q.pk: n for n, q in enumerate(self.questions, start=1)}
        layout = []
        for theme in themes:
            layout.append(
                HTML(
                    render_to_string("assessments/questions/_theme_heading.html", {"theme": theme})
                )
            )
            layout.extend(
                self.question_block(
                    q,
                    numbers[q.pk],
                    [
                        Field.radios(f"q{q.pk}-value", legend_size=Size.SMALL, small=True),
                        Field.textarea(f"q{q.pk}-note", rows=2, max_characters=NOTE_MAX_LENGTH),
                    ],
                )
                for q in theme.active_items
            )
        self.helper = gds_form_helper(*layout, Field("revision"), self.button_group())

    def add_question_fields(self, question, number):
        self.fields[f"q{question.pk}-value"] = forms.ChoiceField(
            label=question.text,
            help_text=question.hint,
            choices=readiness_choices(),
            widget=forms.RadioSelect,
            required=False,
            error_messages={"invalid_choice": _("Select an answer from the list")},
        )
        self.fields[f"q{question.pk}-note"] = _note_field(
            _("Note (optional)"), _("Anything that explains your answer.")
        )

    def answers(self) -> dict[int, ReadinessInput]:
        return {
            q.pk: ReadinessInput(
                value=self.cleaned_data.get(f"q{q.pk}-value") or "",
                note=self.cleaned_data.get(f"q{q.pk}-note", ""),
            )
            for q in self.questions
        }

    @staticmethod
    def initial_for(answers: dict, revision: int) -> dict:
        initial = {"revision": revision}
        for item_id, a in answers.items():
            initial.update({f"q{item_id}-value": a.value, f"q{item_id}-note": a.note})
        return initial
