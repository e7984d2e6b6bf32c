"""Reads about organisations and members, each in a fixed number of queries."""

from django.db.models import Count, QuerySet
from django.utils import timezone

from accounts.lookups import email_is
from organisations.models import Invitation, Membership, Organisation
from trauma_wales.emails import email_status_annotations


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
