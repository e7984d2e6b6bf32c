"""Create (or refresh) the demo organisations and people, and print the demo sign-ins."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo.networks import COORDINATOR_EMAIL, NETWORK
from demo.seed import DEMO_PASSWORD, DEMO_PEOPLE, LIVED_EXPERIENCE, OTHER_LEAD, demo_seed
from trauma_wales.emails import emails_not_sent


class Command(BaseCommand):
    help = "Create demo organisations and one person per role, then print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even when DEBUG is off (never do this on a real deployment).",
        )

    def handle(self, *args, url, allow_production, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(_("Refusing to create demo accounts with DEBUG off."))
        # The demo plan goes through review, which emails people; nobody needs those here.
        with emails_not_sent():
            result = demo_seed()
        organisation = result["organisation"]
        self.stdout.write(self.style.SUCCESS(_("Demo data is ready.")))
        self.stdout.write(
            "\n"
            + _("Open %(url)s and sign in with any of these (password for all: %(password)s):")
            % {"url": url, "password": DEMO_PASSWORD}
            + "\n"
        )
        for person in DEMO_PEOPLE:
            self.stdout.write(f"  {person.role:<12} {person.email:<26} {organisation.name}")
        self.stdout.write(
            f"  {LIVED_EXPERIENCE.role:<12} {LIVED_EXPERIENCE.email:<26} {organisation.name} "
            + _("(a tenant with lived experience, asked for their views)")
        )
        self.stdout.write(
            f"  {'lead':<12} {OTHER_LEAD.email:<26} {result['other_organisation'].name}"
            + " "
            + _("(a second organisation, to see that organisations are kept apart)")
        )
        self.stdout.write(
            f"  {'coordinator':<12} {COORDINATOR_EMAIL:<26} {NETWORK['name_en']} "
            + _("(sees the network's figures, never an organisation's answers)")
            + "\n"
        )
