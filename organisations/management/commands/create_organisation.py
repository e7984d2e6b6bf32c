"""Platform staff: register an organisation with a named first lead.

If the lead has no account yet, one is created without a password, and they are emailed
a link to choose one (the command prints the link too, for when email is not set up).
"""

from urllib.parse import urlparse

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts.forms import PasswordResetRequestForm
from accounts.lookups import email_is
from accounts.services import user_create
from accounts.views import PasswordResetView
from organisations.models import NAME_MAX_LENGTH, Sector, SizeBand
from organisations.services import organisation_register


class Command(BaseCommand):
    help = "Register an organisation and make the given person its first lead."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--sector", required=True, choices=Sector.values)
        parser.add_argument("--size", required=True, choices=SizeBand.values, dest="size_band")
        parser.add_argument("--lead-email", required=True)
        parser.add_argument("--lead-name", default="", help="Needed when the lead has no account")
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Used to print the set-password link",
        )

    def handle(self, *args, name, sector, size_band, lead_email, lead_name, base_url, **options):
        try:
            validate_email(lead_email)
        except ValidationError as error:
            raise CommandError(
                _("Not a valid email address: %(email)s") % {"email": lead_email}
            ) from error
        if not name.strip() or len(name) > NAME_MAX_LENGTH:
            raise CommandError(
                _("The name must be between 1 and %(limit)d characters.")
                % {"limit": NAME_MAX_LENGTH}
            )
        user = get_user_model().objects.filter(email_is(lead_email)).first()
        if user is None:
            if not lead_name.strip():
                raise CommandError(_("No account for that email: give --lead-name to create one."))
            user = user_create(
                email=lead_email,
                full_name=lead_name.strip(),
                password=None,
                email_confirmed=False,  # the reset link sent below confirms it
            )
            link = base_url.rstrip("/") + reverse(
                "accounts:password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
            self._email_set_password_link(user, base_url)
            self.stdout.write(
                _("Created an account for %(email)s. Set-password link:") % {"email": user.email}
                + f"\n  {link}"
            )
        organisation = organisation_register(
            user=user, name=name, sector=sector, size_band=size_band
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Registered %(name)s (%(path)s) with %(email)s as lead.")
                % {
                    "name": organisation.name,
                    "path": f"/o/{organisation.slug}/",
                    "email": user.email,
                }
            )
        )

    def _email_set_password_link(self, user, base_url: str) -> None:
        form = PasswordResetRequestForm({"email": user.email})
        if form.is_valid():
            url = urlparse(base_url)
            form.save(
                domain_override=url.netloc,
                use_https=url.scheme == "https",
                subject_template_name=PasswordResetView.subject_template_name,
                email_template_name=PasswordResetView.email_template_name,
            )
