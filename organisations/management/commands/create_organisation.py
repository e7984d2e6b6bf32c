"""Platform staff: register an organisation with a named first lead.

If the lead has no account yet, one is created without a password, and they are emailed
a link to choose one (the command prints the link too, for when email is not set up).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from accounts.lookups import email_is
from accounts.services import user_create
from accounts.set_password_link import set_password_link_send
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
            link = set_password_link_send(user=user, base_url=base_url)
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
