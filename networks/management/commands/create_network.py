"""Platform staff: create a network (a region, a sector, or the national community of
practice), named in English and in Welsh."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from networks.management.commands._staff import staff_named
from networks.models import NetworkKind
from networks.services.networks import network_create
from trauma_wales.errors import DomainError


class Command(BaseCommand):
    help = "Create a network; then name its coordinators with add_network_coordinator."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True, help="Its web address name: /n/<slug>/")
        parser.add_argument("--kind", required=True, choices=NetworkKind.values)
        parser.add_argument("--name-en", required=True)
        parser.add_argument("--name-cy", required=True)
        parser.add_argument("--description-en", default="")
        parser.add_argument("--description-cy", default="")
        parser.add_argument("--by", required=True, help="Your platform staff email address")

    def handle(self, *args, slug, kind, name_en, name_cy, description_en, description_cy, by, **o):
        try:
            network = network_create(
                actor=staff_named(by), slug=slug, kind=kind, name_en=name_en, name_cy=name_cy,
                description_en=description_en, description_cy=description_cy,
            )  # fmt: skip
        except DomainError as refused:
            raise CommandError(str(refused.message)) from refused
        self.stdout.write(
            self.style.SUCCESS(
                _("Created %(name)s at /n/%(slug)s/.") % {"name": network.name_en, "slug": slug}
            )
        )
