"""For platform staff's commands that make an account for someone else (a lead, a network
coordinator): the link with which that person chooses a password, emailed to them and
returned so the command can print it when email is not set up."""

from urllib.parse import urlparse

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.forms import PasswordResetRequestForm
from accounts.views import PasswordResetView


def set_password_link_send(*, user, base_url: str) -> str:
    """Email `user` the password-reset link (as "forgotten your password" does) and return
    it."""
    link = base_url.rstrip("/") + reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    form = PasswordResetRequestForm({"email": user.email})
    if form.is_valid():
        url = urlparse(base_url)
        form.save(
            domain_override=url.netloc,
            use_https=url.scheme == "https",
            subject_template_name=PasswordResetView.subject_template_name,
            email_template_name=PasswordResetView.email_template_name,
        )
    return link
