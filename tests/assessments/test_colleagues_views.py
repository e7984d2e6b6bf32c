"""What a colleague asked for their views gives back to the lead: the notes they wrote, on
the lead's question pages, and word when they have answered every section (issue 15)."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import CycleContributor, Indicator
from assessments.selectors.cycles import organisation_response_for
from assessments.selectors.questionnaire import readiness_themes
from assessments.services.answers import (
    IndicatorInput,
    ReadinessInput,
    domain_answers_save,
)
from assessments.services.cycles import contributor_invite, cycle_start, cycle_views_naming_set
from organisations.models import Membership
from tests.assessments.saving import readiness_save_all
from tests.conftest import client_for
from tests.organisations.factories import MembershipFactory
from trauma_wales.models import AuditEntry, OutgoingEmail
from trauma_wales.permissions import Role
from trauma_wales.templatetags.app_tags import govuk_date

pytestmark = pytest.mark.django_db
BASE = "http://testserver/"


@pytest.fixture
def cycle(framework_content, organisation, lead):
    return cycle_start(
        organisation=organisation, name="2026 assessment", actor=lead,
        period_start=date(2026, 4, 1), period_end=date(2027, 3, 31),
    )  # fmt: skip


def ask(cycle, lead, user):
    membership = Membership.objects.get(organisation=cycle.organisation, user=user)
    return contributor_invite(cycle=cycle, membership=membership, actor=lead)


def answer_sections(response, actor, *, leave_one_out=False, note=""):
    """Every section, through the services as the pages save them; `leave_one_out` leaves
    the last domain area unanswered."""
    framework = response.cycle.framework
    readiness_save_all(
        response, actor, lambda item: ReadinessInput(value="yes", note=note), base_url=BASE
    )
    domains = list(framework.domains.filter(is_active=True).order_by("order"))
    for domain in domains[:-1] if leave_one_out else domains:
        answer_domain(response, domain, actor, note=note)
    return domains[-1]


def answer_domain(response, domain, actor, *, note="", revision=0):
    indicators = Indicator.objects.filter(domain=domain, is_active=True)
    domain_answers_save(
        response=response, domain=domain, expected_revision=revision, actor=actor, base_url=BASE,
        answers={i.pk: IndicatorInput(score=3, evidence=note) for i in indicators},
    )  # fmt: skip


def views_given_emails():
    return list(OutgoingEmail.objects.filter(template="assessments/emails/views_given"))


def test_whoever_asked_is_told_once_when_every_section_is_answered(
    cycle, organisation, lead, contributor
):
    response = ask(cycle, lead, contributor)

    last = answer_sections(response, contributor, leave_one_out=True)
    assert views_given_emails() == []
    assert CycleContributor.objects.get().finished_at is None

    answer_domain(response, last, contributor)
    [email] = views_given_emails()
    assert email.to == [lead.email]
    assert contributor.full_name in email.subject
    contributors_page = reverse("assessments:contributors", args=[organisation.slug, cycle.pk])
    assert f"http://testserver{contributors_page}" in email.body
    assert CycleContributor.objects.get().finished_at is not None
    assert AuditEntry.objects.filter(action="cycle.contributor_finished").count() == 1

    answer_domain(response, last, contributor, note="Changed my mind", revision=1)
    assert len(views_given_emails()) == 1


def test_every_lead_is_told_when_whoever_asked_no_longer_leads(
    cycle, organisation, lead, contributor
):
    response = ask(cycle, lead, contributor)
    other_lead = MembershipFactory(organisation=organisation, role=Role.LEAD).user
    Membership.objects.filter(user=lead).update(role=Role.BOARD)

    answer_sections(response, contributor)

    [email] = views_given_emails()
    assert set(email.to) == {other_lead.email}


def test_the_organisations_own_answers_tell_nobody(cycle, lead):
    answer_sections(organisation_response_for(cycle=cycle), lead)
    assert views_given_emails() == []
    assert not AuditEntry.objects.filter(action="cycle.contributor_finished").exists()


def test_the_lead_reads_colleagues_notes_and_colleagues_do_not_read_each_others(
    cycle, organisation, lead, contributor
):
    board = MembershipFactory(organisation=organisation, role=Role.BOARD).user
    cycle_views_naming_set(cycle=cycle, named=True, was_named=False, actor=lead)
    answer_sections(ask(cycle, lead, contributor), contributor, note="Seen at the team meeting")
    answer_sections(ask(cycle, lead, board), board, note="The board paper of March")
    domain = cycle.framework.domains.filter(is_active=True).order_by("order").first()
    page = reverse("assessments:domain", args=[organisation.slug, cycle.pk, domain.code])
    first_theme = readiness_themes(cycle=cycle)[0].code
    readiness = reverse(
        "assessments:readiness_theme", args=[organisation.slug, cycle.pk, first_theme]
    )

    for address in (page, readiness):
        seen = client_for(lead).get(address).content.decode()
        assert "What colleagues noted" in seen
        assert f"{contributor.full_name}:</span> Seen at the team meeting" in seen
        assert f"{board.full_name}:</span> The board paper of March" in seen

    theirs = client_for(contributor).get(page).content.decode()
    assert "What colleagues noted" not in theirs
    assert "The board paper of March" not in theirs


def test_the_contributors_page_says_who_has_finished(cycle, organisation, lead, contributor):
    answer_sections(ask(cycle, lead, contributor), contributor)
    page = reverse("assessments:contributors", args=[organisation.slug, cycle.pk])
    finished = CycleContributor.objects.get().finished_at
    seen = client_for(lead).get(page).content.decode()
    row = re.search(rf"<td[^>]*>{re.escape(contributor.full_name)}</td>(.*?)</tr>", seen, re.S)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row[1])
    assert cells[-1] == govuk_date(timezone.localtime(finished))
    assert "Not yet" not in seen


def test_the_lead_chooses_named_views_and_colleagues_are_told_which(
    cycle, organisation, lead, contributor
):
    page = reverse("assessments:views_naming", args=[organisation.slug, cycle.pk])
    hub = reverse("assessments:hub", args=[organisation.slug, cycle.pk])
    ask(cycle, lead, contributor)
    anonymous = "Your views are anonymous: leads see them without your name"
    assert anonymous in client_for(contributor).get(hub).content.decode()

    response = client_for(lead).post(page, {"views_named": "yes", "was_named": "no"})

    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.views_named
    seen = client_for(contributor).get(hub).content.decode()
    assert "Your views are shown to the leads with your name" in seen
    stale = client_for(lead).post(page, {"views_named": "no", "was_named": "no"})
    assert "Another lead changed how colleagues" in stale.content.decode()
    cycle.refresh_from_db()
    assert cycle.views_named
