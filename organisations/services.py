"""Writes about organisations, memberships and invitations.

Each function validates, runs in one transaction, records an audit entry, and raises
`DomainError` with a message written for the person when it refuses. Changing the
organisation's details or a member's role names the version the person saw; one changed
since is refused with `StaleEdit` (trauma_wales.versions).
"""

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts.lookups import email_is
from accounts.models import User
from accounts.services import user_close
from organisations.models import Area, Invitation, Membership, Organisation
from organisations.policies import (
    LAST_LEAD,
    InvitationStep,
    MemberStep,
    OrganisationStep,
    account_close_check,
    can_invite,
    deletion_day,
    invitation_step_check,
    member_step_check,
    organisation_step_check,
)
from organisations.selectors import organisations_only_led_by, role_of
from trauma_wales.audit import audit_person, audit_record, audit_value
from trauma_wales.emails import LANGUAGES, Recipient, email_send, recipient_for
from trauma_wales.errors import DomainError
from trauma_wales.kept import PEER_FIGURES, shared_data_version_bump
from trauma_wales.permissions import Role
from trauma_wales.policies import NOT_YOUR_ROLE
from trauma_wales.versions import VERSION_FIELDS, version_bump, version_check

ALREADY_MEMBER = _("%(email)s is already a member of %(organisation)s.")
INVITATION_NOT_FOUND = _(
    "This invitation link is not valid. Ask the person who invited you to send a new one."
)
INVITATION_USED = _("This invitation has already been used.")
INVITATION_WITHDRAWN = _(
    "This invitation has been withdrawn. Ask the person who invited you to send a new one."
)
INVITATION_EXPIRED = _(
    "This invitation has expired. Ask the person who invited you to send a new one."
)
INVITATION_OTHER_EMAIL = _(
    "This invitation was sent to a different email address. Sign in with the account for "
    "that address, or ask for an invitation to be sent to %(email)s."
)
SLUG_MAX_LENGTH = Organisation._meta.get_field("slug").max_length
ROLE_CHANGED = _(
    "This person's role was changed after you opened this page. Your choice has not been saved yet."
)
NO_LONGER_A_MEMBER = _("This person is no longer a member of the organisation.")
ORGANISATION_CHANGED = _(
    "The organisation's details were changed after you opened this page. Your changes have "
    "not been saved yet."
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _unique_slug(name: str) -> str:
    base = slugify(name)[: SLUG_MAX_LENGTH - 7].strip("-") or "organisation"
    slug = base
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug


def organisation_register(
    *, user, name: str, sector: str, size_band: str, areas: Iterable[Area] = ()
) -> Organisation:
    """Create an organisation with `user` as its first lead."""
    areas = list(areas)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                organisation = Organisation.objects.create(
                    name=name.strip(), slug=_unique_slug(name), sector=sector, size_band=size_band
                )
                Membership.objects.create(organisation=organisation, user=user, role=Role.LEAD)
                organisation.areas.set(areas)
                audit_record(
                    action="organisation.registered",
                    actor=user,
                    organisation=organisation,
                    target=organisation,
                    details={
                        "name": organisation.name,
                        "sector": sector,
                        "size_band": size_band,
                        "areas": sorted(area.code for area in areas),
                    },
                )
                return organisation
        except IntegrityError:
            continue  # two registrations raced for the same slug: pick another
    raise DomainError(_("We could not register the organisation just now. Try again."))


def organisation_update(
    *,
    organisation: Organisation,
    actor,
    name: str,
    sector: str,
    size_band: str,
    areas: Iterable[Area] | None = None,
    expected_version: int | None = None,
) -> Organisation:
    """Change the organisation's details, as they were at `expected_version` when the form
    was loaded: details saved by someone else since are refused with `StaleEdit`. `areas`
    None leaves the areas it works in as they are."""
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        version_check(organisation, expected=expected_version, message=ORGANISATION_CHANGED)
        changes = {
            field: [getattr(organisation, field), value]
            for field, value in {
                "name": name.strip(),
                "sector": sector,
                "size_band": size_band,
            }.items()
            if getattr(organisation, field) != value
        }
        area_names_before = sorted(area.code for area in organisation.areas.all())
        if areas is not None:
            areas = list(areas)
            area_names = sorted(area.code for area in areas)
            if area_names != area_names_before:
                organisation.areas.set(areas)
                changes["areas"] = [area_names_before, area_names]
        if changes:
            for field, (_old, new) in changes.items():
                if field != "areas":
                    setattr(organisation, field, new)
            version_bump(organisation, actor=actor)
            fields = [field for field in changes if field != "areas"]
            organisation.save(update_fields=[*fields, "updated_at", *VERSION_FIELDS])
            if {"sector", "areas"} & set(changes):
                shared_data_version_bump(PEER_FIGURES)  # networks compare by both
            audit_record(
                action="organisation.updated",
                actor=actor,
                organisation=organisation,
                target=organisation,
                details={"changed": changes},
            )
    return organisation


def membership_add(*, organisation: Organisation, user, role: str, actor=None) -> Membership:
    """Add someone directly (platform staff and demo data); people join through invitations."""
    if role not in Role.values:
        raise DomainError(_("Choose a role from the list."), field="role")
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": role}
        )
        if created:
            audit_record(
                action="membership.added",
                actor=actor,
                organisation=organisation,
                target=membership,
                details={"member": audit_person(user), "role": role},
            )
    return membership


def _lock_leads(organisation: Organisation) -> list[Membership]:
    return list(
        Membership.objects.select_for_update().filter(organisation=organisation, role=Role.LEAD)
    )


def _locked_membership(membership: Membership) -> Membership:
    """The membership as saved now, locked (after the leads, as by every writer)."""
    try:
        return Membership.objects.select_for_update().get(pk=membership.pk)
    except Membership.DoesNotExist as gone:  # removed by someone else a moment ago
        raise DomainError(str(NO_LONGER_A_MEMBER)) from gone


def membership_change_role(
    *, membership: Membership, role: str, actor, expected_version: int | None = None
) -> Membership:
    """Give `membership` a new role, as it was at `expected_version` when the form was
    loaded: a role changed by someone else since is refused with `StaleEdit`."""
    if role not in Role.values:
        raise DomainError(_("Choose a role from the list."), field="role")
    actor_role = role_of(actor, membership.organisation_id)
    with transaction.atomic():
        leads = _lock_leads(membership.organisation)
        membership = _locked_membership(membership)
        member_step_check(membership, len(leads), actor_role, MemberStep.CHANGE_ROLE)
        version_check(membership, expected=expected_version, message=ROLE_CHANGED)
        if membership.role == role:
            return membership
        if membership.role == Role.LEAD and len(leads) <= 1:
            raise DomainError(LAST_LEAD, field="role")
        old_role = membership.role
        membership.role = role
        version_bump(membership, actor=actor)
        membership.save(update_fields=["role", *VERSION_FIELDS])
        audit_record(
            action="membership.role_changed",
            actor=actor,
            organisation=membership.organisation,
            target=membership,
            details={
                "member": audit_person(membership.user),
                "changed": {"role": [old_role, role]},
            },
        )
    return membership


def membership_remove(*, membership: Membership, actor) -> None:
    actor_role = role_of(actor, membership.organisation_id)
    with transaction.atomic():
        leads = _lock_leads(membership.organisation)
        membership = _locked_membership(membership)
        member_step_check(membership, len(leads), actor_role, MemberStep.REMOVE)
        audit_record(
            action="membership.removed",
            actor=actor,
            organisation=membership.organisation,
            target=membership,
            details={"member": audit_person(membership.user), "role": membership.role},
        )
        membership.delete()


def account_close(*, user) -> None:
    """A person closes their own account (they gave their password on the page).

    Refused while an organisation would be left without a lead. Otherwise they leave
    every organisation (each records it), and `user_close` takes their name and address
    out of the account and the history. The leads of their organisations are locked first,
    so two leads closing at once cannot both leave."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.closed_at is not None:
            return
        memberships = list(
            Membership.objects.filter(user=user).select_related("organisation").order_by("pk")
        )
        for membership in sorted(memberships, key=lambda m: m.organisation_id):
            if membership.role == Role.LEAD:
                _lock_leads(membership.organisation)
        account_close_check(organisations_only_led_by(user=user))
        for membership in memberships:
            audit_record(
                action="membership.left",
                actor=user,
                organisation=membership.organisation,
                target=membership,
                details={"role": membership.role},
            )
            membership.delete()
        user_close(user=user)


def invitation_create(
    *,
    organisation: Organisation,
    invited_by,
    email: str,
    role: str,
    base_url: str,
    language: str = "",
) -> Invitation:
    """Invite `email` to join with `role`, replacing any earlier open invitation to it.

    The email goes out in `language` ("cy" or "en"), or in both, Welsh first, when the
    person inviting does not know which the invitee reads.
    """
    if not can_invite(role_of(invited_by, organisation.pk)):
        raise DomainError(NOT_YOUR_ROLE)
    email = email.strip().lower()
    language = language if language in LANGUAGES else ""
    if role not in Role.values:
        raise DomainError(_("Choose a role from the list."), field="role")
    if Membership.objects.filter(
        email_is(email, "user__email"), organisation=organisation
    ).exists():
        raise DomainError(
            ALREADY_MEMBER % {"email": email, "organisation": organisation.name}, field="email"
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        replaced = Invitation.objects.filter(
            email_is(email),
            organisation=organisation,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=now)
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            language=language,
            token_hash=hash_token(token),
            invited_by=invited_by,
            expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        audit_record(
            action="invitation.created",
            actor=invited_by,
            organisation=organisation,
            target=invitation,
            details={"email": email, "role": role, "language": language, "replaced": replaced},
        )
        accept_url = base_url.rstrip("/") + reverse("invitation_accept", args=[token])
        email_send(
            "organisations/emails/invitation",
            {"invitation": invitation, "accept_url": accept_url},
            [Recipient(email=invitation.email, language=invitation.language)],
            about=invitation,
            organisation=organisation,
        )
    return invitation


def invitation_for_token(*, token: str, lock: bool = False) -> Invitation:
    """The invitation a link points at, or a `DomainError` saying why it cannot be used.

    `lock` holds its row until the caller's transaction ends, so the checks stay true.
    """
    invitations = Invitation.objects.select_related("organisation", "invited_by")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token_hash=hash_token(token)).first()
    if invitation is None:
        raise DomainError(INVITATION_NOT_FOUND)
    if invitation.accepted_at is not None:
        raise DomainError(INVITATION_USED)
    if invitation.revoked_at is not None:
        raise DomainError(INVITATION_WITHDRAWN)
    if invitation.expires_at <= timezone.now():
        raise DomainError(INVITATION_EXPIRED)
    return invitation


def invitation_accept(*, token: str, user, base_url: str = "") -> Membership:
    """Join the organisation the invitation is for. With `base_url` (the page gives it),
    whoever sent the invitation is told, in their language, that it was accepted."""
    with transaction.atomic():
        invitation = invitation_for_token(token=token, lock=True)
        if invitation.email.lower() != user.email.lower():
            raise DomainError(INVITATION_OTHER_EMAIL % {"email": user.email})
        membership, created = Membership.objects.get_or_create(
            organisation_id=invitation.organisation_id,
            user=user,
            defaults={"role": invitation.role},
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit_record(
            action="invitation.accepted",
            actor=user,
            organisation=invitation.organisation,
            target=invitation,
            details={
                "email": invitation.email,
                "role": membership.role,
                "new_membership": created,
            },
        )
        inviter = invitation.invited_by
        if created and base_url and inviter is not None and inviter.is_active:
            members = reverse("organisations:members", args=[invitation.organisation.slug])
            members_url = base_url.rstrip("/") + members
            email_send(
                "organisations/emails/invitation_accepted",
                {"invitation": invitation, "member": user, "members_url": members_url},
                [recipient_for(inviter)],
                about=invitation,
                organisation=invitation.organisation,
            )  # fmt: skip
    return membership


def invitation_revoke(*, invitation: Invitation, actor) -> None:
    actor_role = role_of(actor, invitation.organisation_id)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        invitation_step_check(invitation, actor_role, InvitationStep.WITHDRAW)
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_record(
            action="invitation.revoked",
            actor=actor,
            organisation=invitation.organisation,
            target=invitation,
            details={"email": invitation.email, "role": invitation.role},
        )


def organisation_delete(*, organisation: Organisation, actor) -> None:
    """Platform staff delete an organisation and everything in it (through the admin).

    Its audit trail stays, with the organisation's name, and this is its last entry."""
    if not getattr(actor, "is_staff", False):
        raise DomainError(str(NOT_YOUR_ROLE))
    with transaction.atomic():
        _organisation_deleted(organisation, actor)


def _organisation_deleted(organisation: Organisation, actor, **details) -> None:
    """Record the deletion as the organisation's last audit entry (its history stays, with
    its name), then delete it and everything in it."""
    audit_record(
        action="organisation.deleted",
        actor=actor,
        organisation=organisation,
        target=organisation,
        details={
            "name": organisation.name,
            "members": organisation.memberships.count(),
            **details,
        },
    )
    organisation.delete()


def _tell_members(organisation: Organisation, template: str, context: dict, *, kept=True) -> None:
    """Email every member, each in their language. `kept=False` when the organisation is
    about to go: the email must not be deleted with it before it is sent."""
    members = User.objects.filter(memberships__organisation=organisation).order_by("pk")
    email_send(
        template,
        {"organisation_name": organisation.name, **context},
        [recipient_for(user) for user in members],
        organisation=organisation if kept else None,
    )


def _deletion_step(
    organisation: Organisation, actor, step: OrganisationStep, due_on, action: str, email: tuple
) -> Organisation:
    """Set (or clear) the day the organisation is deleted, record it and tell the members."""
    role = role_of(actor, organisation.pk)
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        organisation_step_check(organisation, role, step)
        recorded = due_on or organisation.deletion_due_on
        organisation.deletion_due_on = due_on
        organisation.deletion_requested_by = actor if due_on else None
        organisation.save(update_fields=["deletion_due_on", "deletion_requested_by"])
        audit_record(
            action=action,
            actor=actor,
            organisation=organisation,
            target=organisation,
            details={"due_on": audit_value(recorded)},
        )
        template, context = email
        _tell_members(organisation, template, context)
    return organisation


def organisation_deletion_request(*, organisation: Organisation, actor) -> Organisation:
    """A lead asks for the organisation to be deleted. It is, after
    ORGANISATION_DELETION_GRACE_DAYS (`organisations_delete_due`), unless a lead keeps it
    first; every member is told by email."""
    due = deletion_day()
    email = (
        "organisations/emails/deletion_requested",
        {"asked_by": audit_person(actor), "due_on": due},
    )
    return _deletion_step(
        organisation,
        actor,
        OrganisationStep.REQUEST_DELETION,
        due,
        "organisation.deletion_requested",
        email,
    )


def organisation_keep(*, organisation: Organisation, actor) -> Organisation:
    """A lead keeps an organisation that was due to be deleted; every member is told."""
    email = ("organisations/emails/deletion_cancelled", {"kept_by": audit_person(actor)})
    return _deletion_step(
        organisation, actor, OrganisationStep.KEEP, None, "organisation.kept", email
    )


def organisations_delete_due() -> int:
    """Delete every organisation whose deletion day has come (the daily schedule; safe to
    run again). Each is recorded, its members are told, and its history stays (with the
    organisation's name) as for a deletion by platform staff. Returns how many."""
    deleted = 0
    today = timezone.localdate()
    for pk in Organisation.objects.filter(deletion_due_on__lte=today).values_list("pk", flat=True):
        with transaction.atomic():
            organisation = (
                Organisation.objects.select_for_update()
                .filter(pk=pk, deletion_due_on__lte=today)
                .first()
            )
            if organisation is None:  # kept, or deleted by another run, meanwhile
                continue
            _tell_members(organisation, "organisations/emails/deleted", {}, kept=False)
            _organisation_deleted(organisation, None, asked_for=True)
            deleted += 1
    return deleted


def history_export_record(*, organisation: Organisation, actor, filters: dict) -> None:
    """A lead downloaded the history of changes (CSV), with the filters they chose: the
    history names every member and quotes what they typed, so a copy leaving is recorded."""
    audit_record(
        action="history.exported",
        actor=actor,
        organisation=organisation,
        details={"filters": audit_value({k: v for k, v in filters.items() if v not in (None, "")})},
    )
