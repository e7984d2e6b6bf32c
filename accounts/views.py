"""Sign-up, email confirmation, sign-in, sign-out and password pages.

Django's own authentication views do most of the work; these classes choose our forms and
templates, and count the emails each page may send (trauma_wales.rate_limits).
"""

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django.views.i18n import set_language

from accounts import forms
from accounts.email_confirmation import user_for_confirmation
from accounts.language import user_language_apply
from accounts.services import (
    password_change_record,
    user_email_confirm,
    user_language_set,
    user_sign_up,
)
from trauma_wales.bilingual import active_language
from trauma_wales.errors import DomainError
from trauma_wales.rate_limits import (
    ACCOUNT_EMAILS_PER_ADDRESS,
    FAILED_SIGN_INS_PER_NETWORK,
    PASSWORD_RESETS_PER_NETWORK,
    SIGN_UPS_PER_NETWORK,
    limit_reached,
)
from trauma_wales.views import DomainErrorFormMixin

TOO_MANY_SIGN_UPS = gettext_lazy(
    "A lot of accounts have been asked for from your network in the last hour. "
    "Try again in an hour."
)
SIGNED_UP_EMAIL = "accounts.signed_up_email"


def safe_next_url(request, default: str = "home") -> str:
    """The `next` address when it is a path on this site; otherwise `default` (a URL name)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def language_switch(request):
    """Django's language switcher, which also remembers a signed-in person's choice."""
    response = set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response


class SignUpView(DomainErrorFormMixin, FormView):
    template_name = "accounts/sign_up.html"
    form_class = forms.SignUpForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("home")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            kwargs["email"] = self.request.GET.get("email")
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=safe_next_url(self.request, ""), **kwargs)

    def save(self, form):
        """The same page next whether or not the address has an account (see
        `user_sign_up`): only a limit on this network's sign-ups is said out loud."""
        request = self.request
        if limit_reached(request, SIGN_UPS_PER_NETWORK):
            raise DomainError(str(TOO_MANY_SIGN_UPS))
        email = form.cleaned_data["email"]
        user_sign_up(
            email=email,
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
            language=active_language(),
            base_url=request.build_absolute_uri("/"),
            next_path=safe_next_url(request, ""),
            send_email=not limit_reached(request, ACCOUNT_EMAILS_PER_ADDRESS, key=email),
        )
        request.session[SIGNED_UP_EMAIL] = email
        return redirect("accounts:sign_up_sent")


class SignUpSentView(TemplateView):
    """ "Check your email": what comes after asking for an account, whatever happened."""

    template_name = "accounts/sign_up_sent.html"

    def get(self, request, *args, **kwargs):
        if SIGNED_UP_EMAIL not in request.session:
            return redirect("accounts:sign_up")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(email=self.request.session[SIGNED_UP_EMAIL], **kwargs)


class ConfirmEmailView(View):
    """The link in a confirmation email. Opening it shows a button; only pressing it
    confirms, so a mail program that opens links to check them confirms nothing."""

    template_name = "accounts/confirm_email.html"

    def get(self, request, uidb64, token):
        user = user_for_confirmation(uidb64=uidb64, token=token)
        return render(
            request,
            self.template_name,
            {"link_works": user is not None, "next": safe_next_url(request, "")},
            status=200 if user is not None else 404,
        )

    def post(self, request, uidb64, token):
        user = user_for_confirmation(uidb64=uidb64, token=token)
        if user is None:
            return self.get(request, uidb64, token)
        user_email_confirm(user=user)
        messages.success(request, _("Your email address is confirmed. You can now sign in."))
        next_path = safe_next_url(request, "")
        query = f"?{urlencode({'next': next_path})}" if next_path else ""
        return HttpResponseRedirect(reverse("accounts:login") + query)


class SignInView(auth_views.LoginView):
    """Wrong passwords are limited per email address by django-axes (`locked_out`) and per
    network address here."""

    template_name = "accounts/sign_in.html"
    authentication_form = forms.SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if limit_reached(request, FAILED_SIGN_INS_PER_NETWORK, count=False):
            return render(request, "accounts/locked_out.html", {"network": True}, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.has_error("__all__", "invalid_login"):
            limit_reached(self.request, FAILED_SIGN_INS_PER_NETWORK)
        return super().form_invalid(form)

    def form_valid(self, form):
        return user_language_apply(super().form_valid(form), form.get_user())


class SignOutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.success(request, _("You have signed out."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Over a limit, the same "check your email" page follows and no email is sent: the
    page never says whether an address has an account."""

    template_name = "accounts/password_reset.html"
    form_class = forms.PasswordResetRequestForm
    email_template_name = "accounts/emails/password_reset.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        request = self.request
        email = form.cleaned_data["email"].strip().lower()
        over = limit_reached(request, PASSWORD_RESETS_PER_NETWORK) or limit_reached(
            request, ACCOUNT_EMAILS_PER_ADDRESS, key=email
        )
        if over:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = forms.SetNewPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        """The link reached them, so the address is theirs; and a new password ends any
        lock-out from too many wrong ones (the way back in that the lock-out page gives)."""
        response = super().form_valid(form)
        password_change_record(user=form.user, reset=True)
        user_email_confirm(user=form.user)
        axes_reset(username=form.user.email)
        return response


def locked_out(request, credentials, *args, **kwargs):
    """What django-axes shows after too many wrong passwords for one email address
    (`AXES_LOCKOUT_CALLABLE`), on our sign-in page and the platform admin's."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(LoginRequiredMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = forms.ChangePasswordForm
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_change_record(user=form.user, reset=False)
        return response


class PasswordChangeDoneView(LoginRequiredMixin, auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
