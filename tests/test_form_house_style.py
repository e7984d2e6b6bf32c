"""Every form is a GOV.UK form validated by the server (no browser validation bubbles)."""

import pytest

from accounts import forms as account_forms
from organisations import forms as organisation_forms
from tests.accounts.factories import UserFactory

FORMS = [
    account_forms.SignUpForm,
    account_forms.SignInForm,
    account_forms.PasswordResetRequestForm,
    organisation_forms.OrganisationForm,
    organisation_forms.InvitationForm,
    organisation_forms.ChangeRoleForm,
]
USER_FORMS = [account_forms.SetNewPasswordForm, account_forms.ChangePasswordForm]


@pytest.mark.parametrize("form_class", FORMS + USER_FORMS, ids=lambda f: f.__name__)
@pytest.mark.django_db
def test_form_turns_off_browser_validation(form_class):
    form = form_class(UserFactory.build()) if form_class in USER_FORMS else form_class()
    assert "novalidate" in form.helper.attrs
