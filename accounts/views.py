"""Sign-up, sign-in, sign-out and password pages.

Django's own authentication views do the work; these classes only choose our forms
and templates.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView
from django.views.i18n import set_language

from accounts import forms
from accounts.language import user_language_apply
from accounts.services import password_change_record, user_create, user_language_set
from trauma_wales.bilingual import active_language
from trauma_wales.views import DomainErrorFormMixin


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
        request = self.request
        user = user_create(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
            language=active_language(),
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(safe_next_url(request))


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = forms.SignInForm
    redirect_authenticated_user = True

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
    template_name = "accounts/password_reset.html"
    form_class = forms.PasswordResetRequestForm
    email_template_name = "accounts/emails/password_reset.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = forms.SetNewPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_change_record(user=form.user, reset=True)
        return response


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
