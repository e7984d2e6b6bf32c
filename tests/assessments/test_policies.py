"""Who may do what to an assessment cycle, and when, read from `assessments.policies` and
checked against the services: for every cycle status, every role and every step, the
service does exactly what the page offers (`cycle_steps`) and refuses the rest with a
`DomainError`, changing nothing."""

from datetime import date

import pytest
from django.utils import timezone

from assessments.models import (
    AssessmentCycle,
    ConsensusSession,
    CycleContributor,
    CycleStatus,
    DomainReflection,
    DomainTarget,
    ReadinessAnswer,
    Response,
)
from assessments.policies import CYCLE_RULES, CycleStep, cycle_steps
from assessments.services.answers import ReadinessInput
from assessments.services.cycles import (
    contributor_invite,
    cycle_reopen,
    cycle_submit,
    domain_targets_save,
)
from assessments.services.reflections import domain_reflection_save
from assessments.services.sessions import session_schedule
from tests.assessments.factories import CycleFactory, answer_everything, org_response
from tests.assessments.saving import readiness_save_one
from tests.organisations.factories import MembershipFactory
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Role, role_can

pytestmark = pytest.mark.django_db

ROLES = [role.value for role in Role]


def take(step: CycleStep, cycle, membership):
    """Take `step` through its service, as the page would."""
    actor = membership.user
    if step in (CycleStep.ANSWER, CycleStep.GIVE_VIEWS):
        if step == CycleStep.ANSWER:
            response = org_response(cycle)
        else:  # the person's own response set, as if they had been invited
            CycleContributor.objects.get_or_create(cycle=cycle, user=actor)
            response = Response.objects.get_or_create(cycle=cycle, contributor=actor)[0]
        item = cycle.framework.readiness_items.filter(is_active=True).first()
        return readiness_save_one(response, item, ReadinessInput(value="partly"), actor)
    if step == CycleStep.SUBMIT:
        return cycle_submit(cycle=cycle, actor=actor)
    if step == CycleStep.REOPEN:
        return cycle_reopen(cycle=cycle, actor=actor, reason="A figure was wrong")
    if step == CycleStep.INVITE_CONTRIBUTORS:
        invitee = MembershipFactory(organisation=cycle.organisation, role=Role.CONTRIBUTOR)
        return contributor_invite(cycle=cycle, membership=invitee, actor=actor)
    domain = cycle.framework.domains.first()
    if step == CycleStep.REFLECT:
        return domain_reflection_save(
            cycle=cycle, domain=domain, texts={"proud": "Reception"}, actor=actor
        )
    if step == CycleStep.RUN_SESSION:
        return session_schedule(
            cycle=cycle, held_on=date(2026, 6, 1), members=[actor], guests={},
            guest_names="", actor=actor,
        )  # fmt: skip
    return domain_targets_save(
        cycle=cycle, targets={domain.pk: 3}, actor=actor, expected_version=cycle.version
    )


def state(cycle):
    cycle.refresh_from_db()
    return (
        cycle.status,
        ReadinessAnswer.objects.filter(response__cycle=cycle, value="partly").count(),
        CycleContributor.objects.filter(cycle=cycle, invited_by__isnull=False).count(),
        DomainTarget.objects.filter(cycle=cycle).count(),
        DomainReflection.objects.filter(cycle=cycle).count(),
        ConsensusSession.objects.filter(cycle=cycle).count(),
    )


@pytest.mark.parametrize("step", list(CycleStep))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", CycleStatus.values)
def test_the_service_allows_exactly_what_the_page_offers(
    organisation, framework_content, status, role, step
):
    cycle = CycleFactory(organisation=organisation)
    answer_everything(org_response(cycle))
    if status == CycleStatus.SUBMITTED:
        AssessmentCycle.objects.filter(pk=cycle.pk).update(
            status=status, submitted_at=timezone.now()
        )
        cycle.refresh_from_db()
    membership = MembershipFactory(organisation=organisation, role=role)
    rule = CYCLE_RULES[step]
    allowed = status in rule.statuses and role_can(role, rule.capability)

    assert (step in cycle_steps(cycle, role)) == allowed
    before = state(cycle)
    if allowed:
        take(step, cycle, membership)
        assert state(cycle) != before
    else:
        with pytest.raises(DomainError):
            take(step, cycle, membership)
        assert state(cycle) == before


def test_a_contributor_cannot_save_another_persons_answers(organisation, framework_content):
    cycle = CycleFactory(organisation=organisation)
    first = MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR)
    second = MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR)
    take(CycleStep.GIVE_VIEWS, cycle, first)
    theirs = Response.objects.get(cycle=cycle, contributor=first.user)
    item = cycle.framework.readiness_items.filter(is_active=True).first()
    with pytest.raises(DomainError, match="your own answers"):
        readiness_save_one(theirs, item, ReadinessInput(value="yes"), second.user, revision=1)


@pytest.mark.parametrize("step", list(CycleStep))
def test_someone_from_another_organisation_can_take_no_step(
    organisation, other_organisation, framework_content, step
):
    cycle = CycleFactory(organisation=organisation)
    answer_everything(org_response(cycle))
    if CycleStatus.IN_PROGRESS not in CYCLE_RULES[step].statuses:
        AssessmentCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.SUBMITTED)
        cycle.refresh_from_db()
    outsider = MembershipFactory(organisation=other_organisation, role=Role.LEAD)
    before = state(cycle)
    with pytest.raises(DomainError):
        take(step, cycle, outsider)
    assert state(cycle) == before
