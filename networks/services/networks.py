"""Creating a network and naming its coordinators: platform staff do this, from the
command line (`manage.py create_network`, `manage.py add_network_coordinator`)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from networks.models import Coordinator, Network, NetworkKind
from networks.policies import CoordinatorStep, coordinator_step_check
from networks.selectors.networks import is_coordinator
from trauma_wales.audit import audit_record
from trauma_wales.emails import email_send, recipient_for
from trauma_wales.errors import DomainError

STAFF_ONLY = _("Only platform staff can do this.")


def network_create(
    *, actor, slug: str, kind: str, name_en: str, name_cy: str,
    description_en: str = "", description_cy: str = "",
) -> Network:  # fmt: skip
    if not getattr(actor, "is_staff", False):
        raise DomainError(STAFF_ONLY)
    if kind not in NetworkKind.values:
        raise DomainError(_("Choose a kind of network from the list."), field="kind")
    if not name_en.strip() or not name_cy.strip():
        raise DomainError(_("Give the network's name in English and in Welsh."), field="name_en")
    try:
        with transaction.atomic():
            network = Network.objects.create(
                slug=slug, kind=kind, name_en=name_en.strip(), name_cy=name_cy.strip(),
                description_en=description_en.strip(), description_cy=description_cy.strip(),
            )  # fmt: skip
            audit_record(
                action="network.created", actor=actor, target=network,
                details={**network.audit_details(), "kind": kind},
            )  # fmt: skip
    except IntegrityError as taken:
        raise DomainError(_("There is already a network with this code."), field="slug") from taken
    return network


def coordinator_add(*, network: Network, user, actor, base_url: str = "") -> Coordinator:
    """Make `user` a coordinator of `network`, and tell them by email."""
    if not getattr(actor, "is_staff", False):
        raise DomainError(STAFF_ONLY)
    with transaction.atomic():
        coordinator, created = Coordinator.objects.get_or_create(network=network, user=user)
        if not created:
            raise DomainError(_("This person already coordinates this network."))
        audit_record(
            action="network.coordinator_added", actor=actor, target=network,
            details={**network.audit_details(), "person": user.email},
        )  # fmt: skip
        email_send(
            "networks/emails/coordinator_added",
            {"network": network, "url": f"{base_url.rstrip('/')}/n/{network.slug}/"},
            [recipient_for(user)],
            about=network,
        )
    return coordinator


def network_download_record(*, network: Network, actor) -> None:
    """A coordinator downloaded the network's figures (CSV): recorded, as every copy of
    figures leaving the service is."""
    coordinator_step_check(is_coordinator(actor, network), CoordinatorStep.VIEW)
    audit_record(
        action="network.downloaded", actor=actor, target=network, details=network.audit_details()
    )
