"""The question pages: one form for readiness, one per domain, built from the content.

Field names carry the question's id (`q12-rating`). Posted answers for questions that
are not on the page (a tampered or out-of-date form) make the whole form invalid, so
nothing is saved.

These two pages are the heaviest in the service (up to 18 questions, each with radios,
notes and a flag), so they are rendered by `templates/assessments/questions/_question.html`
(the same GOV.UK markup) rather than by crispy-forms-gds layouts, which cost about
1.3 ms a field and took the page over its 50 ms budget.
"""

import re
from dataclasses import dataclass

from crispy_forms_gds.choices import Choice
from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Rating, ReadinessValue, rating_label
from assessments.models.answers import NOTE_MAX_LENGTH
from assessments.services.answers import (
    NOT_APPLICABLE_NEEDS_REASON,
    NOT_APPLICABLE_NOT_PRIORITY,
    IndicatorInput,
    ReadinessInput,
)
from trauma_wales.forms import optional_text

DONT_KNOW = ReadinessValue.DONT_KNOW.value
NOT_APPLICABLE = ReadinessValue.NOT_APPLICABLE.value
SAVE_AND_CONTINUE, SAVE_AND_RETURN = "save_continue", "save_later"
QUESTION_KEY = re.compile(r"^q(\d+)-")
BAD_REVISION = _(
    "We could not save this page because some of it was missing. Nothing was saved: check "
    "your answers and save again."
)
# In the error summary, which question an error is about (a page has up to 18).
QUESTION_ERROR = _("Question %(number)s: %(message)s")
NOT_APPLICABLE_HINT = _("Say why in the notes. It will be left out of your scores.")
FOREIGN_QUESTION = _(
    "This page has changed since it was opened. Nothing was saved: open the page again and "
    "re-enter your answers."
)


def rating_choices():
    ratings = [Choice(str(r.value), rating_label(r)) for r in Rating]
    ratings[-1].divider = _("or")
    return [*ratings, Choice(DONT_KNOW, _("Don't know")), _not_applicable_choice()]


def readiness_choices():
    values = [Choice(v.value, v.label) for v in ReadinessValue if v != NOT_APPLICABLE]
    values[2] = Choice(ReadinessValue.NOT_YET.value, ReadinessValue.NOT_YET.label, divider=_("or"))
    return [*values, _not_applicable_choice()]


def _not_applicable_choice():
    return Choice(NOT_APPLICABLE, ReadinessValue.NOT_APPLICABLE.label, hint=NOT_APPLICABLE_HINT)


class SectionForm(forms.Form):
    """Shared behaviour: the revision the page was loaded at, and refusing foreign questions."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    choice_suffix: str
    note_suffix: str
    has_flag: bool

    def __init__(self, *args, questions, extras=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.extras = extras or {}
        self.question_ids = {q.pk for q in self.questions}
        for question in self.questions:
            self.add_question_fields(question)

    def add_question_fields(self, question):
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if "revision" in self.errors:
            # The hidden revision only goes wrong if the page was tampered with or cut
            # short; say so plainly rather than pointing at a field nobody can see.
            del self.errors["revision"]
            raise forms.ValidationError(BAD_REVISION, code="bad_revision")
        posted = {int(m.group(1)) for key in self.data if (m := QUESTION_KEY.match(key))}
        if posted - self.question_ids:
            raise forms.ValidationError(FOREIGN_QUESTION, code="foreign_question")
        for question in self.questions:
            self._check_not_applicable(f"q{question.pk}", cleaned or {})
        return cleaned

    def _check_not_applicable(self, prefix: str, cleaned: dict) -> None:
        """Not applicable needs its reason in the notes, and is never a priority."""
        if cleaned.get(f"{prefix}-{self.choice_suffix}") != NOT_APPLICABLE:
            return
        note = f"{prefix}-{self.note_suffix}"
        if note in cleaned and not cleaned[note].strip():
            self.add_error(note, forms.ValidationError(NOT_APPLICABLE_NEEDS_REASON, "required"))
        if self.has_flag and cleaned.get(f"{prefix}-priority"):
            self.add_error(
                f"{prefix}-priority", forms.ValidationError(NOT_APPLICABLE_NOT_PRIORITY, "invalid")
            )

    @property
    def page_revision(self) -> int:
        """The revision to send back: what the page was loaded at, if it came back intact."""
        if "revision" in getattr(self, "cleaned_data", {}):
            return self.cleaned_data["revision"]
        return self.initial.get("revision", 0)

    def question_rows(self) -> list["QuestionRow"]:
        rows = []
        for number, question in enumerate(self.questions, start=1):
            rows.append(
                QuestionRow(
                    question=question,
                    number=number,
                    choice=self[f"q{question.pk}-{self.choice_suffix}"],
                    note=self[f"q{question.pk}-{self.note_suffix}"],
                    flag=self[f"q{question.pk}-priority"] if self.has_flag else None,
                    extras=self.extras.get(question.pk, {}),
                )
            )
        return rows

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, message) for the error summary, in page order."""
        links = [(f"question-{self.questions[0].pk}", e) for e in self.non_field_errors()]
        numbers = {f"q{q.pk}": n for n, q in enumerate(self.questions, start=1)}
        page_order = {name: n for n, name in enumerate(self.fields)}
        for name, errors in sorted(self.errors.items(), key=lambda e: page_order.get(e[0], -1)):
            if name == "__all__":
                continue
            anchor = f"id_{name}_0" if name.endswith(self.choice_suffix) else f"id_{name}"
            number = numbers.get(name.split("-")[0])
            links.extend(
                (anchor, QUESTION_ERROR % {"number": number, "message": error} if number else error)
                for error in errors
            )
        return links


@dataclass(frozen=True)
class QuestionRow:
    question: object
    number: int
    choice: forms.BoundField
    note: forms.BoundField
    flag: forms.BoundField | None
    extras: dict


def _note_field(label, hint):
    # crispy-forms-gds needs a hint on a character-count textarea (it reads its id).
    return optional_text(
        label,
        hint,
        max_length=NOTE_MAX_LENGTH,
        too_long=_("Notes must be %(limit_value)d characters or fewer"),
    )


class DomainAnswersForm(SectionForm):
    choice_suffix, note_suffix, has_flag = "rating", "evidence", True

    def add_question_fields(self, question):
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
                "you have seen. If it does not apply to you, say why."
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
                not_applicable=rating == NOT_APPLICABLE,
                evidence=self.cleaned_data.get(f"q{q.pk}-evidence", ""),
                priority=bool(self.cleaned_data.get(f"q{q.pk}-priority")),
            )
        return result

    @staticmethod
    def initial_for(answers: dict, revision: int) -> dict:
        initial = {"revision": revision}
        for indicator_id, a in answers.items():
            rating = (
                DONT_KNOW
                if a.dont_know
                else NOT_APPLICABLE
                if a.not_applicable
                else ("" if a.score is None else str(a.score))
            )
            initial.update(
                {
                    f"q{indicator_id}-rating": rating,
                    f"q{indicator_id}-evidence": a.evidence,
                    f"q{indicator_id}-priority": a.priority,
                }
            )
        return initial


class ReadinessAnswersForm(SectionForm):
    choice_suffix, note_suffix, has_flag = "value", "note", False

    def add_question_fields(self, question):
        self.fields[f"q{question.pk}-value"] = forms.ChoiceField(
            label=question.text,
            help_text=question.hint,
            choices=readiness_choices(),
            widget=forms.RadioSelect,
            required=False,
            error_messages={"invalid_choice": _("Select an answer from the list")},
        )
        self.fields[f"q{question.pk}-note"] = _note_field(
            _("Note (optional)"),
            _("Anything that explains your answer. If it does not apply to you, say why."),
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
