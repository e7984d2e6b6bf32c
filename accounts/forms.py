"""Sign-up, sign-in and password forms, in GOV.UK Design System markup."""

from crispy_forms_gds.layout import Button, Field, Fixed, Layout
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from accounts.lookups import email_is
from accounts.models import FULL_NAME_HAS_ADDRESS, FULL_NAME_MAX_LENGTH, User
from accounts.services import confirmation_send
from trauma_wales.bilingual import active_language
from trauma_wales.emails import Recipient, email_send
from trauma_wales.forms import gds_form_helper
from trauma_wales.names import NoWebAddressValidator
from trauma_wales.rate_limits import ACCOUNT_EMAILS_PER_ADDRESS, limit_reached

EMAIL_MAX_LENGTH = 254
PASSWORDS_DIFFER = _("The two passwords do not match. Enter the same password twice.")


class SignUpForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=FULL_NAME_MAX_LENGTH,
        validators=[NoWebAddressValidator(FULL_NAME_HAS_ADDRESS)],
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _("Full name must be %(limit_value)d characters or fewer"),
        },
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("You will use this to sign in. We will not share it."),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
            "max_length": _("Email address must be %(limit_value)d characters or fewer"),
        },
    )
    password1 = forms.CharField(
        label=_("Create a password"),
        help_text=_("At least 10 characters. Avoid common words and your name."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        max_length=128,
        error_messages={"required": _("Create a password")},
    )
    password2 = forms.CharField(
        label=_("Confirm your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        max_length=128,
        error_messages={"required": _("Enter the password again to confirm it")},
    )

    def __init__(self, *args, email=None, **kwargs):
        super().__init__(*args, **kwargs)
        if email:
            self.fields["email"].initial = email
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.helper = gds_form_helper(
            Field.text("full_name"),
            Field.text("email"),
            Field.text("password1", field_width=Fixed.TWENTY),
            Field.text("password2", field_width=Fixed.TWENTY),
            submit_label=_("Create account"),
        )

    def clean_email(self):
        """Lower-cased. Whether the address has an account is never said here: the owner
        is emailed instead (accounts.services.user_sign_up)."""
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", PASSWORDS_DIFFER)
        if p1 and not self.has_error("password2"):
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


def without_autofocus(form: forms.BaseForm) -> None:
    """Django's account forms put focus in their first box on load, which skips the skip
    link and the page's heading for someone using a screen reader or a keyboard."""
    for field in form.fields.values():
        field.widget.attrs.pop("autofocus", None)


class SignInForm(auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": _("The email address or password is not right. Check them and try again."),
        "inactive": _("This account has been closed. Ask your organisation lead for help."),
        "unconfirmed": _(
            "Confirm your email address before you sign in. We have sent a new link to "
            "%(email)s: it works for one day."
        ),
        "unconfirmed_sent": _(
            "Confirm your email address before you sign in, with the link we sent to "
            "%(email)s. If you cannot find it, check your spam folder or try again in an hour."
        ),
    }

    def confirm_login_allowed(self, user):
        """An account whose address is not confirmed cannot sign in: the right password
        sends a new confirmation link instead (as often as the limits allow)."""
        super().confirm_login_allowed(user)
        if user.has_confirmed_email:
            return
        request = self.request
        code = "unconfirmed_sent"
        if request is not None and not limit_reached(
            request, ACCOUNT_EMAILS_PER_ADDRESS, key=user.email
        ):
            confirmation_send(user=user, base_url=request.build_absolute_uri("/"))
            code = "unconfirmed"
        raise forms.ValidationError(
            self.error_messages[code], code=code, params={"email": user.email}
        )

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Email address")
        # AuthenticationForm sets max_length after building the field, so it is never
        # checked: a very long value would reach the database (a 500 on SQLite).
        self.fields["username"].validators.append(MaxLengthValidator(EMAIL_MAX_LENGTH))
        self.fields["username"].error_messages["max_length"] = _(
            "Email address must be %(limit_value)d characters or fewer"
        )
        self.fields["username"].error_messages["required"] = _("Enter your email address")
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "email", "spellcheck": "false"}
        )
        without_autofocus(self)
        self.fields["password"].error_messages["required"] = _("Enter your password")
        self.helper = gds_form_helper(
            Field.text("username"),
            Field.text("password", field_width=Fixed.TWENTY),
            submit_label=_("Sign in"),
        )


class PasswordResetRequestForm(auth_forms.PasswordResetForm):
    """Also sends links to accounts with no password yet (leads created by platform staff),
    so that "reset your password" is how they set their first one."""

    def get_users(self, email):
        return User.objects.filter(email_is(email), is_active=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages.update(
            {
                "required": _("Enter your email address"),
                "invalid": _("Enter an email address in the correct format, like name@example.org"),
            }
        )
        self.helper = gds_form_helper(Field.text("email"), submit_label=_("Send reset link"))

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        """In the person's own language; in the page's when they have not chosen one. The
        templates are the view's (`<name>.txt` and `<name>_subject.txt`, as email_send reads)."""
        user = context["user"]
        language = user.language or active_language()
        template = email_template_name.removesuffix(".txt")
        email_send(template, context, [Recipient(user.email, language)])


class SetNewPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].error_messages["required"] = _("Enter a new password")
        self.fields["new_password2"].error_messages["required"] = _(
            "Enter the new password again to confirm it"
        )
        self.error_messages = {**self.error_messages, "password_mismatch": PASSWORDS_DIFFER}
        without_autofocus(self)
        self.helper = gds_form_helper(
            Field.text("new_password1", field_width=Fixed.TWENTY),
            Field.text("new_password2", field_width=Fixed.TWENTY),
            submit_label=_("Save new password"),
        )


class ChangePasswordForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].error_messages["required"] = _("Enter your current password")
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": _("Your current password is not right. Check it and try again."),
            "password_mismatch": PASSWORDS_DIFFER,
        }
        self.fields["new_password1"].error_messages["required"] = _("Enter a new password")
        self.fields["new_password2"].error_messages["required"] = _(
            "Enter the new password again to confirm it"
        )
        without_autofocus(self)
        self.helper = gds_form_helper(
            Field.text("old_password", field_width=Fixed.TWENTY),
            Field.text("new_password1", field_width=Fixed.TWENTY),
            Field.text("new_password2", field_width=Fixed.TWENTY),
            submit_label=_("Change password"),
        )


class CloseAccountForm(forms.Form):
    """Closing an account asks for the password again: whoever is at an unattended
    browser cannot close someone else's account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={
            "required": _("Enter your password to close your account"),
            "max_length": _("Your password is not right. Check it and try again."),
        },
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = gds_form_helper(Field.text("password", field_width=Fixed.TWENTY))
        self.helper.layout = Layout(
            *self.helper.layout, Button.warning("close", _("Close my account"))
        )

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Your password is not right. Check it and try again."), code="password_incorrect"
            )
        return password
