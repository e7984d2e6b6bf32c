"""A lead asks for their organisation to be deleted: every member is told, any lead can
keep it during the grace period, and on the day the daily schedule deletes it, leaving
the members' accounts and the history (with the organisation's name)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from organisations import services
from organisations.models import Organisation
from organisations.policies import (
    ORGANISATION_RULES,
    OrganisationState,
    OrganisationStep,
    organisation_steps,
)
from tests.conftest import client_for
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from trauma_wales.errors import DomainError
from trauma_wales.models import AuditEntry, OutgoingEmail
from trauma_wales.permissions import Role, role_can

pytestmark = pytest.mark.django_db

ROLES = [role.value for role in Role]
TODAY = date(2026, 11, 30)


@pytest.fixture
def today():
    with time_machine.travel(datetime.combine(TODAY, time(12), UTC), tick=False) as traveller:
        yield traveller


@pytest.mark.parametrize("step", list(OrganisationStep))
@pytest.mark.parametrize("state", list(OrganisationState))
@pytest.mark.parametrize("role", ROLES)
def test_every_step_in_every_state_for_every_role_through_the_service(
    organisation, role, state, step
):
    actor = MembershipFactory(organisation=organisation, role=role).user
    if state == OrganisationState.DELETION_DUE:
        Organisation.objects.filter(pk=organisation.pk).update(deletion_due_on=TODAY)
        organisation.refresh_from_db()
    rule = ORGANISATION_RULES[step]
    allowed = state in rule.statuses and role_can(role, rule.capability)
    assert (step in organisation_steps(organisation, role)) == allowed
    service = {
        OrganisationStep.REQUEST_DELETION: services.organisation_deletion_request,
        OrganisationStep.KEEP: services.organisation_keep,
    }[step]
    if allowed:
        service(organisation=organisation, actor=actor)
        organisation.refresh_from_db()
        assert (organisation.deletion_due_on is None) == (step == OrganisationStep.KEEP)
    else:
        before = organisation.deletion_due_on
        with pytest.raises(DomainError):
            service(organisation=organisation, actor=actor)
        organisation.refresh_from_db()
        assert organisation.deletion_due_on == before


def test_asking_tells_every_member_and_every_page_says_so(
    today, organisation, lead, reviewer, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR, user__language="cy")
    url = reverse("organisations:delete", args=[organisation.slug])
    page = client_for(lead).get(url).content.decode()
    assert "will be deleted in 30 days, on 30 December 2026" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(lead).post(url)

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.deletion_due_on == date(2026, 12, 30)
    assert organisation.deletion_requested_by == lead
    entry = AuditEntry.objects.get(action="organisation.deletion_requested")
    assert entry.details == {"due_on": "2026-12-30"}
    sent = {message.subject: len(message.to) for message in mail.outbox}
    assert sent == {  # one email per language, each member in theirs
        "“Cwm Afon Housing” will be deleted on 30 December 2026": 2,
        "Bydd “Cwm Afon Housing” yn cael ei ddileu ar 30 Rhagfyr 2026": 1,
    }
    overview = reverse("organisations:overview", args=[organisation.slug])
    for member, keeps in ((lead, True), (reviewer, False)):
        page = client_for(member).get(overview).content.decode()
        assert "This organisation will be deleted on 30 December 2026" in page
        assert ("Keep the organisation" in page) == keeps
    again = client_for(lead).post(url)
    assert again.status_code == 200
    assert "already asked for this organisation to be deleted" in again.content.decode()


def test_a_lead_keeps_it_and_everyone_hears(
    today, organisation, lead, reviewer, django_capture_on_commit_callbacks
):
    services.organisation_deletion_request(organisation=organisation, actor=lead)
    mail.outbox.clear()
    keep = reverse("organisations:keep", args=[organisation.slug])

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(lead).post(keep, follow=True)

    assert "Cwm Afon Housing will not be deleted." in response.content.decode()
    organisation.refresh_from_db()
    assert (organisation.deletion_due_on, organisation.deletion_requested_by) == (None, None)
    assert AuditEntry.objects.get(action="organisation.kept").details == {"due_on": "2026-12-30"}
    assert [(m.subject, len(m.to)) for m in mail.outbox] == [
        ("“Cwm Afon Housing” will not be deleted", 2)
    ]
    assert client_for(reviewer).post(keep).status_code == 403


def test_on_the_day_the_schedule_deletes_it_and_keeps_accounts_and_history(
    today, organisation, lead, reviewer, django_capture_on_commit_callbacks
):
    other = OrganisationFactory(name="Gwent Recovery")
    other_lead = MembershipFactory(organisation=other, role=Role.LEAD).user
    services.organisation_deletion_request(organisation=organisation, actor=lead)
    later = OrganisationFactory(name="Not due yet")
    later_lead = MembershipFactory(organisation=later, role=Role.LEAD).user
    today.shift(timedelta(days=10))
    services.organisation_deletion_request(organisation=later, actor=later_lead)

    today.shift(timedelta(days=19))
    assert services.organisations_delete_due() == 0
    today.shift(timedelta(days=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_organisations_due", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert set(Organisation.objects.values_list("name", flat=True)) == {
        "Gwent Recovery",
        "Not due yet",
    }
    assert User.objects.filter(pk__in=[lead.pk, reviewer.pk, other_lead.pk]).count() == 3
    history = AuditEntry.objects.filter(organisation_id=organisation.pk)
    assert {"organisation.deletion_requested", "organisation.deleted"} <= set(
        history.values_list("action", flat=True)
    )
    deleted = history.get(action="organisation.deleted")
    assert (deleted.actor_id, deleted.organisation_name) == (None, "Cwm Afon Housing")
    assert deleted.details["asked_for"] is True
    assert [(m.subject, sorted(m.to)) for m in mail.outbox] == [
        ("“Cwm Afon Housing” has been deleted", sorted([lead.email, reviewer.email]))
    ]
    assert OutgoingEmail.objects.filter(template="organisations/emails/deleted").count() == 1
    assert services.organisations_delete_due() == 0  # safe to run again


def test_the_history_reads_each_step(today, organisation, lead):
    services.organisation_deletion_request(organisation=organisation, actor=lead)
    services.organisation_keep(organisation=organisation, actor=lead)
    page = client_for(lead).get(reverse("organisations:history", args=[organisation.slug]))
    text = page.content.decode()
    assert "Asked for the organisation to be deleted on 30 December 2026" in text
    assert "Kept the organisation, which was due to be deleted on 30 December 2026" in text
