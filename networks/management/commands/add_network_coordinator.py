"""Platform staff: make someone a coordinator of a network. They are emailed a link to
the network's page; someone without an account gets one without a password and a link
to choose it (the command prints that link too, for when email is not set up)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from accounts.lookups import email_is
from accounts.services import user_create
from accounts.set_password_link import set_password_link_send
from networks.management.commands._staff import staff_named
from networks.models import Network
from networks.services.networks import coordinator_add
from trauma_wales.errors import DomainError


class Command(BaseCommand):
    help = "Make the person with this email a coordinator of the network."

    def add_arguments(self, parser):
        parser.add_argument("--network", required=True, help="The network's slug")
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="", help="Needed when they have no account")
        parser.add_argument("--by", required=True, help="Your platform staff email address")
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, network, email, name, by, base_url, **options):
        staff = staff_named(by)
        found = Network.objects.filter(slug=network).first()
        if found is None:
            raise CommandError(_("No network with the slug %(slug)s.") % {"slug": network})
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(
                _("Not a valid email address: %(email)s") % {"email": email}
            ) from error
        person = get_user_model().objects.filter(email_is(email)).first()
        if person is None:
            if not name.strip():
                raise CommandError(_("No account for that email: give --name to create one."))
            person = user_create(
                email=email, full_name=name.strip(), password=None, email_confirmed=False
            )
            self.stdout.write(
                _("Created an account for %(email)s. Set-password link:") % {"email": person.email}
                + f"\n  {set_password_link_send(user=person, base_url=base_url)}"
            )
        try:
            coordinator_add(network=found, user=person, actor=staff, base_url=base_url)
        except DomainError as refused:
            raise CommandError(str(refused.message)) from refused
        self.stdout.write(
            self.style.SUCCESS(
                _("%(email)s now coordinates %(name)s.")
                % {"email": person.email, "name": found.name_en}
            )
        )
