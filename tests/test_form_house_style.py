"""Every form is a GOV.UK form validated by the server (no browser validation bubbles)."""

import pytest
from django import forms
from django.template import Context, Template

from accounts import forms as account_forms
from action_plans import forms as plan_forms
from assessments.forms import cycles as cycle_forms
from organisations import forms as organisation_forms
from practice_levels import forms as workforce_forms
from tests.accounts.factories import UserFactory

FORMS = [
    account_forms.SignUpForm,
    account_forms.SignInForm,
    account_forms.PasswordResetRequestForm,
    organisation_forms.OrganisationForm,
    organisation_forms.InvitationForm,
    organisation_forms.ChangeRoleForm,
    workforce_forms.StaffGroupForm,
    workforce_forms.TrainingForm,
]
USER_FORMS = [account_forms.SetNewPasswordForm, account_forms.ChangePasswordForm]
OTHER_FORMS = [
    cycle_forms.CycleStartForm,
    cycle_forms.ReopenForm,
    plan_forms.PlanForm,
    plan_forms.ReviewForm,
    plan_forms.CommentForm,
    plan_forms.ProgressForm,
    plan_forms.DismissGapForm,
]


@pytest.mark.parametrize("form_class", FORMS + USER_FORMS, ids=lambda f: f.__name__)
@pytest.mark.django_db
def test_form_turns_off_browser_validation(form_class):
    form = form_class(UserFactory.build()) if form_class in USER_FORMS else form_class()
    assert "novalidate" in form.helper.attrs


@pytest.mark.parametrize("form_class", FORMS + OTHER_FORMS, ids=lambda f: f.__name__)
@pytest.mark.django_db
def test_form_renders_in_both_states(form_class):
    """crispy-forms-gds crashes on a character-count textarea without a hint; every form
    must render empty and with errors."""
    template = Template("{% load crispy_forms_tags %}{% crispy form %}")
    for form in (form_class(), form_class({})):
        form.is_valid()
        assert "govuk-" in template.render(Context({"form": form, "csrf_token": "x"}))


def test_page_title_says_error_for_any_form_with_errors():
    class Form(forms.Form):
        name = forms.CharField()

    template = Template("{% load app_tags %}{% page_has_form_errors as e %}{{ e }}")
    assert template.render(Context({"any_name": Form(data={})})) == "True"
    assert template.render(Context({"any_name": Form(data={"name": "x"})})) == "False"
    assert template.render(Context({"any_name": Form()})) == "False"
