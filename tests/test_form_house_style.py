"""Every form is a GOV.UK form validated by the server (no browser validation bubbles)."""

import pytest
from django import forms
from django.template import Context, Template

from assessments.forms.answers import DomainAnswersForm, ReadinessAnswersForm
from networks.forms.case_studies import HighlightForm
from tests.matrix.fixtures import world_fixture  # noqa: F401
from tests.matrix.forms import filled_in_forms, form_arguments
from voices.forms import CommentDecisionForm, ResponseForm

# Forms that are not laid out by crispy-forms-gds, each with its reason.
TEMPLATE_RENDERED = {
    DomainAnswersForm: "the question pages render their fields with "
    "templates/assessments/questions/_question.html (the same GOV.UK markup, within the "
    "page's time budget); the page's own <form> carries novalidate",
    ReadinessAnswersForm: "as DomainAnswersForm",
    ResponseForm: "the public feedback pages lay out one statement or all of them, and carry "
    "the answers given so far (templates/voices/public/answer.html, whose <form> carries "
    "novalidate)",
    CommentDecisionForm: "two buttons on each comment of the round page (templates/voices/"
    "round.html, whose <form> carries novalidate)",
    HighlightForm: "one button on each case study of a coordinator's list (templates/"
    "networks/case_studies/_list.html, whose <form> carries novalidate)",
}
# Every form class in the project's apps (tests/matrix/forms.py), so a new one is checked
# the day it exists.
FORMS = [form_class for form_class in filled_in_forms() if form_class not in TEMPLATE_RENDERED]


def _name(form_class) -> str:
    return form_class.__name__


def test_every_form_is_checked():
    assert len(FORMS) >= 15  # a broken discovery would find none
    assert set(TEMPLATE_RENDERED) <= set(filled_in_forms())


@pytest.mark.parametrize("form_class", FORMS, ids=_name)
@pytest.mark.django_db
def test_form_turns_off_browser_validation(world, form_class):
    form = form_class(**form_arguments(form_class, world))
    assert "novalidate" in form.helper.attrs


@pytest.mark.parametrize("form_class", FORMS, ids=_name)
@pytest.mark.django_db
def test_form_renders_in_both_states(world, form_class):
    """crispy-forms-gds crashes on a character-count textarea without a hint; every form
    must render empty and with errors."""
    template = Template("{% load crispy_forms_tags %}{% crispy form %}")
    arguments = form_arguments(form_class, world)
    for form in (form_class(**arguments), form_class(data={}, **arguments)):
        form.is_valid()
        assert "govuk-" in template.render(Context({"form": form, "csrf_token": "x"}))


def test_page_title_says_error_for_any_form_with_errors():
    class Form(forms.Form):
        name = forms.CharField()

    template = Template("{% load app_tags %}{% page_has_form_errors as e %}{{ e }}")
    assert template.render(Context({"any_name": Form(data={})})) == "True"
    assert template.render(Context({"any_name": Form(data={"name": "x"})})) == "False"
    assert template.render(Context({"any_name": Form()})) == "False"
