"""Reads about organisations and members, each in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Max, OuterRef, QuerySet
from django.utils import timezone

from accounts.lookups import email_is
from organisations.models import Invitation, Membership, Organisation
from trauma_wales.audit_text import actions_of_kind
from trauma_wales.emails import Recipient, email_status_annotations
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role
from trauma_wales.read_models import ReadModel

HISTORY_PAGE_SIZE = 50


def role_of(user, organisation_id: int) -> str:
    """The person's role in the organisation, or "" when they are not a member (what
    services check a step against: trauma_wales.policies)."""
    return (
        Membership.objects.filter(organisation_id=organisation_id, user_id=user.pk)
        .values_list("role", flat=True)
        .first()
        or ""
    )


def memberships_for_user(*, user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .annotate(member_count=Count("organisation__memberships"))
        .order_by("organisation__name")
    )


def only_organisation(*, user) -> Organisation | None:
    """The organisation of someone who belongs to exactly one and has no invitation
    waiting: signing in takes them straight to it."""
    memberships = list(Membership.objects.filter(user=user).select_related("organisation")[:2])
    if len(memberships) != 1:
        return None
    if user.has_confirmed_email and pending_invitations_for_email(email=user.email).exists():
        return None
    return memberships[0].organisation


def pending_invitations_for_email(*, email: str) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(
            email_is(email),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("organisation", "invited_by")
        .order_by("-created_at")
    )


def members_for_organisation(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def membership_in_organisation(*, organisation: Organisation, membership_id: int) -> Membership:
    """One membership of this organisation (404 through the caller if it is not there)."""
    return Membership.objects.select_related("user").get(
        organisation=organisation, pk=membership_id
    )


def invitation_in_organisation(*, organisation: Organisation, invitation_id: int) -> Invitation:
    return Invitation.objects.get(organisation=organisation, pk=invitation_id)


def open_invitations_for_organisation(*, organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations not yet accepted or withdrawn, expired ones included so they can be resent,
    each with whether its email went (`email_status`, `email_attempts`)."""
    return (
        Invitation.objects.filter(
            organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("invited_by")
        .annotate(**email_status_annotations(Invitation))
        .order_by("-created_at")
    )


def member_count(*, organisation: Organisation) -> int:
    return organisation.memberships.count()


# --- the history of changes ------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryFilters:
    """Which entries to show: by whom (an actor's id), of which kind, between which dates
    (both included, in the service's time zone). Empty values mean "any"."""

    person: int | None = None
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None

    @property
    def active(self) -> bool:
        return any((self.person is not None, self.kind, self.date_from, self.date_to))


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def history_entries(*, organisation: Organisation, filters: HistoryFilters) -> QuerySet[AuditEntry]:
    """The organisation's audit entries that match `filters`, newest first."""
    entries = AuditEntry.objects.filter(organisation_id=organisation.pk)
    if filters.person is not None:
        entries = entries.filter(actor_id=filters.person)
    if filters.kind:
        entries = entries.filter(action__in=actions_of_kind(filters.kind))
    if filters.date_from:
        entries = entries.filter(created_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        entries = entries.filter(created_at__lt=_start_of(filters.date_to + timedelta(days=1)))
    return entries.order_by("-created_at", "-id")


def history_people(*, organisation: Organisation) -> list[tuple[int, str]]:
    """(id, name) of everyone with an entry in the organisation's history, by name, each
    with the name of their latest entry (people who have left are still here)."""
    latest: dict[int, tuple[datetime, str]] = {}
    names = (
        AuditEntry.objects.filter(organisation_id=organisation.pk, actor_id__isnull=False)
        .values_list("actor_id", "actor_name")
        .annotate(last=Max("created_at"))
        .order_by()
    )
    for actor_id, name, last in names:
        if actor_id not in latest or last > latest[actor_id][0]:
            latest[actor_id] = (last, name)
    people = [(actor_id, name) for actor_id, (_last, name) in latest.items()]
    return sorted(people, key=lambda person: (person[1].casefold(), person[0]))


@dataclass(frozen=True)
class HistoryPage(ReadModel):
    entries: Page  # of AuditEntry, HISTORY_PAGE_SIZE at most
    total: int
    filters: HistoryFilters


def history_page(
    *, organisation: Organisation, filters: HistoryFilters, page_number: str | None
) -> HistoryPage:
    """One page of the history: a count and a page of entries (two queries)."""
    paginator = Paginator(
        history_entries(organisation=organisation, filters=filters), HISTORY_PAGE_SIZE
    )
    page = paginator.get_page(page_number)
    return HistoryPage(entries=page, total=paginator.count, filters=filters)


def organisations_only_led_by(*, user) -> list[Organisation]:
    """The organisations in which `user` is the only lead, by name: they cannot close
    their account while an organisation would be left without one."""
    led = Membership.objects.filter(user=user, role=Role.LEAD).values("organisation_id")
    other_leads = Membership.objects.filter(organisation_id=OuterRef("pk"), role=Role.LEAD).exclude(
        user=user
    )
    return list(
        Organisation.objects.filter(pk__in=led).exclude(Exists(other_leads)).order_by("name")
    )


def personal_data(*, user) -> dict:
    """What the service holds about one person, to give them as a file: their account,
    their memberships, the open invitations to their address, and every entry in the
    history of changes that they made (their sign-ins, downloads and changes). What they
    wrote for an organisation is the organisation's record and is shown by name in it."""
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    entries = AuditEntry.objects.filter(actor=user).order_by("created_at", "id")
    return {
        "account": {
            "full_name": user.full_name,
            "email": user.email,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "email_confirmed_at": (
                user.email_confirmed_at.isoformat() if user.email_confirmed_at else None
            ),
        },
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "joined": m.created_at.isoformat(),
            }
            for m in memberships
        ],
        "open_invitations": [
            {"organisation": i.organisation.name, "role": i.role, "sent": i.created_at.isoformat()}
            for i in pending_invitations_for_email(email=user.email)
        ],
        "history": [
            {
                "when": e.created_at.isoformat(),
                "what": e.action,
                "organisation": e.organisation_name,
                "details": e.details,
            }
            for e in entries
        ],
    }


def recipients_with_roles(*, organisation_id: int, roles) -> list[Recipient]:
    """Everyone with one of `roles` in the organisation, each in their language: whom an
    email about the organisation's work goes to."""
    rows = (
        Membership.objects.filter(organisation_id=organisation_id, role__in=roles)
        .values_list("user__email", "user__language")
        .order_by("user__email")
    )
    return [Recipient(email=email, language=language) for email, language in rows]
