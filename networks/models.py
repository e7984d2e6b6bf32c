"""Networks of organisations: a region, a sector, or the national community of practice.

Platform staff create a network and name its coordinators. A coordinator invites
organisations; an organisation's lead answers, and chooses what the organisation shares:
anonymised figures (on by default when joining) and, separately, its name beside its
progress. A membership moves from invited to joined (or declined), and from joined to
left; leaving stops sharing from that moment, and joining again needs a new invitation.
Coordinators see only aggregates of members that share (networks.selectors), never an
organisation's answers, notes, plan or people.

Members publish case studies to a network: what changed, for which indicator, what
helped; the organisation's name shows only if the lead chose so when publishing.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from trauma_wales.bilingual import localised_property
from trauma_wales.versions import Versioned

TEXT_MAX_LENGTH = 2000
TITLE_MAX_LENGTH = 150


class NetworkKind(models.TextChoices):
    REGION = "region", _("Regional network")
    SECTOR = "sector", _("Sector network")
    NATIONAL = "national", _("National community of practice")


class Network(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=16, choices=NetworkKind.choices)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200)
    description_en = models.TextField(_("description in English"), blank=True)
    description_cy = models.TextField(_("description in Welsh"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    name = localised_property("name")
    description = localised_property("description")

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=NetworkKind.values), name="network_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name_en

    def audit_details(self) -> dict:
        """How an audit entry names the network: its code and its names as they were."""
        return {"network": self.slug, "name_en": self.name_en, "name_cy": self.name_cy}


class Coordinator(models.Model):
    """Someone who runs a network: they see its aggregates and invite organisations."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="coordinators")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinating"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")
        constraints = [models.UniqueConstraint(fields=["network", "user"], name="coordinator_once")]

    def __str__(self) -> str:
        return f"{self.user} coordinates {self.network}"


class MembershipStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    JOINED = "joined", _("Joined")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


class NetworkMembership(Versioned):
    """An organisation's place in a network, and what it shares. `version` counts saves of
    its sharing choices (trauma_wales.versions)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="network_memberships"
    )
    status = models.CharField(
        max_length=16, choices=MembershipStatus.choices, default=MembershipStatus.INVITED
    )
    shares_figures = models.BooleanField(_("share our figures, without our name"), default=True)
    shares_name = models.BooleanField(_("show our name beside our progress"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"], name="network_membership_once"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=MembershipStatus.values),
                name="network_membership_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["network", "status"])]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.network}: {self.status}"


class CaseStudy(models.Model):
    """What one organisation changed and what helped, for the rest of the network to read."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="case_studies")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="case_studies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    indicator = models.ForeignKey(
        "assessments.Indicator",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("indicator"),
    )
    what_changed = models.TextField(_("what changed"), max_length=TEXT_MAX_LENGTH)
    what_helped = models.TextField(_("what helped"), max_length=TEXT_MAX_LENGTH)
    named = models.BooleanField(_("show our organisation's name"), default=False)
    highlighted = models.BooleanField(_("highlighted by a coordinator"), default=False)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-highlighted", "-published_at", "-id"]
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def __str__(self) -> str:
        return self.title
