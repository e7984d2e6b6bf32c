"""Organisation, Membership (a person's role in one organisation), Invitation, and the areas
of Wales an organisation works in (reference data: organisations.area_data)."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trauma_wales.bilingual import localised_property
from trauma_wales.names import NoWebAddressValidator
from trauma_wales.permissions import Role
from trauma_wales.versions import Versioned

NAME_MAX_LENGTH = 200
NAME_HAS_ADDRESS = _("Organisation name must not include a web address or an email address")


class Sector(models.TextChoices):
    HEALTH = "health", _("Health")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    HOUSING = "housing", _("Housing")
    EDUCATION = "education", _("Education")
    POLICE_JUSTICE = "police_justice", _("Police and justice")
    THIRD_SECTOR = "third_sector", _("Third sector")
    OTHER = "other", _("Other")


class SizeBand(models.TextChoices):
    MICRO = "1-9", _("1 to 9 staff and volunteers")
    SMALL = "10-49", _("10 to 49 staff and volunteers")
    MEDIUM = "50-249", _("50 to 249 staff and volunteers")
    LARGE = "250-999", _("250 to 999 staff and volunteers")
    VERY_LARGE = "1000+", _("1,000 or more staff and volunteers")


class AreaKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("Local authority area")
    HEALTH_BOARD = "health_board", _("Health board area")
    PARTNERSHIP = "partnership", _("Regional partnership board")


class Area(models.Model):
    """A local authority area, health board area or regional partnership board of Wales.
    An organisation names the local authority areas it works in; each of those names its
    health board and regional partnership board."""

    code = models.SlugField(max_length=64, unique=True)
    kind = models.CharField(max_length=32, choices=AreaKind.choices)
    name_en = models.CharField(max_length=200)
    name_cy = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    health_board = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    partnership = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    name = localised_property("name")

    class Meta:
        ordering = ["kind", "order"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.name_en


class Organisation(Versioned):
    """`version` counts saves of its details (name, sector, size): trauma_wales.versions."""

    name = models.CharField(
        _("name"), max_length=NAME_MAX_LENGTH, validators=[NoWebAddressValidator(NAME_HAS_ADDRESS)]
    )
    slug = models.SlugField(_("web address name"), max_length=80, unique=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    size_band = models.CharField(_("size"), max_length=16, choices=SizeBand.choices)
    areas = models.ManyToManyField(
        Area,
        blank=True,
        related_name="organisations",
        limit_choices_to={"kind": AreaKind.LOCAL_AUTHORITY},
        verbose_name=_("local authority areas it works in"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A lead asked for the organisation to be deleted: it is, on this day, unless a lead
    # keeps it before then (organisations.services, the daily schedule).
    deletion_due_on = models.DateField(_("to be deleted on"), null=True, blank=True)
    deletion_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deletion asked for by"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sector__in=Sector.values), name="organisation_sector_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(size_band__in=SizeBand.values),
                name="organisation_size_band_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(Versioned):
    """A person's role in one organisation; `version` counts changes of the role
    (trauma_wales.versions)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__full_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="membership_one_per_user_and_organisation"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) in {self.organisation}"


class Invitation(models.Model):
    """An emailed link that lets someone join an organisation with a role.

    Only a hash of the token is stored, so a copy of the database cannot be used to
    accept invitations.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    language = models.CharField(
        _("language of the email"),
        max_length=2,
        blank=True,
        help_text=_("Welsh, English, or blank for both (Welsh first)."),
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="invitation_role_valid"
            ),
        ]
        indexes = [models.Index(Lower("email"), name="invitation_email_ci")]

    def __str__(self) -> str:
        return f"{self.email} to {self.organisation} as {self.get_role_display()}"

    @property
    def is_expired(self) -> bool:
        return self.accepted_at is None and self.expires_at <= timezone.now()
