"""The user model: people sign in with their email address."""

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.lookups import email_is
from trauma_wales.former_members import FORMER_MEMBER
from trauma_wales.names import NoWebAddressValidator

FULL_NAME_MAX_LENGTH = 150
FULL_NAME_HAS_ADDRESS = _("Full name must not include a web address or an email address")


class Language(models.TextChoices):
    """The languages the service speaks. A person's choice is kept on their account."""

    ENGLISH = "en", "English"
    WELSH = "cy", "Cymraeg"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        extra_fields.setdefault("email_confirmed_at", timezone.now())  # the operator's own
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email_is(username))


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(
        _("full name"),
        max_length=FULL_NAME_MAX_LENGTH,
        validators=[NoWebAddressValidator(FULL_NAME_HAS_ADDRESS)],
    )
    is_staff = models.BooleanField(
        _("platform staff"),
        default=False,
        help_text=_("Platform staff can use the admin site. Organisation users cannot."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    email_confirmed_at = models.DateTimeField(
        _("email address confirmed"),
        null=True,
        blank=True,
        help_text=_(
            "When the person followed the link we emailed them. Until then they cannot sign in."
        ),
    )
    closed_at = models.DateTimeField(
        _("account closed"),
        null=True,
        blank=True,
        help_text=_(
            "When the person closed their account. Their name and email address were "
            "removed then, and they cannot sign in."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        blank=True,
        help_text=_("The language of pages after sign-in and of every email sent to them."),
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        """How pages and reports name this person: "a former member" once they have
        closed their account (their name is gone then)."""
        if self.closed_at is not None:
            return str(FORMER_MEMBER)
        return self.full_name or self.email

    @property
    def has_confirmed_email(self) -> bool:
        return self.email_confirmed_at is not None

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
