"""Assessment services and the status workflow: starting, submitting and reopening cycles,
saving answers section by section, inviting contributors, setting targets, demo data."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from assessments import workflow
from assessments.models import (
    READINESS_SECTION,
    AssessmentCycle,
    CycleContributor,
    CycleStatus,
    CycleStatusChange,
    DomainTarget,
    Indicator,
    IndicatorAnswer,
    ReadinessAnswer,
    ReadinessItem,
    ReadinessValue,
    Response,
    SectionRevision,
    readiness_revision_key,
)
from assessments.selectors.cycles import contributor_candidates
from assessments.selectors.progress import (
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    incomplete_sections,
    section_progress,
)
from assessments.selectors.questionnaire import domain_page, readiness_page, readiness_themes
from assessments.services.answers import (
    IndicatorInput,
    ReadinessInput,
    StaleSectionError,
    domain_answers_save,
    readiness_answers_save,
)
from assessments.services.cycles import (
    contributor_invite,
    cycle_reopen,
    cycle_start,
    cycle_submit,
    cycle_views_naming_set,
    domain_targets_save,
)
from demo.seed import demo_seed
from framework.models import Domain
from organisations.models import Membership, Organisation
from tests.assessments.factories import (
    CycleFactory,
    add_contributor,
    answer_everything,
    answer_indicator,
    new_framework_version,
    org_response,
    submitted_cycle,
)
from tests.assessments.saving import readiness_save_one
from tests.organisations.factories import MembershipFactory
from trauma_wales.errors import DomainError
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_lead(organisation):
    """Another lead: two people answering for the organisation at once."""
    return MembershipFactory(organisation=organisation, role=Role.LEAD).user


START, END = date(2026, 4, 1), date(2027, 3, 31)


def start(organisation, actor, **kwargs) -> AssessmentCycle:
    values = {"name": "2026 assessment", "period_start": START, "period_end": END} | kwargs
    return cycle_start(organisation=organisation, actor=actor, **values)


def domain(cycle, code: str) -> Domain:
    return Domain.objects.get(framework=cycle.framework, code=code)


def indicators(cycle, code: str) -> list[Indicator]:
    return list(domain(cycle, code).indicators.filter(is_active=True).order_by("order"))


def items(cycle) -> list[ReadinessItem]:
    active = cycle.framework.readiness_items.filter(is_active=True)
    return list(active.order_by("theme__order", "order"))


def answer_rows(response) -> list[tuple]:
    return sorted(
        IndicatorAnswer.objects.filter(response=response).values_list(
            "indicator__code", "score", "dont_know", "evidence", "priority"
        )
    )


def save_domain(response, code, answers, revision=0, actor=None):
    return domain_answers_save(
        response=response,
        domain=domain(response.cycle, code),
        answers=answers,
        expected_revision=revision,
        actor=actor,
    )


def progress(response) -> dict:
    return {s.key: s for s in section_progress(cycle=response.cycle, response=response)}


@pytest.fixture
def cycle(organisation, lead):
    return start(organisation, lead)


@pytest.fixture
def response(cycle):
    return cycle.responses.get(contributor=None)


# --- cycle_start -----------------------------------------------------------------------------


def test_cycle_start_creates_cycle_response_history_and_audit(organisation, lead):
    cycle = start(organisation, lead, name="  2026 assessment  ")

    assert cycle.status == CycleStatus.IN_PROGRESS
    assert cycle.name == "2026 assessment"
    assert (cycle.period_start, cycle.period_end) == (START, END)
    assert cycle.created_by == lead
    assert cycle.framework.code == "tiw-2022-v1"
    assert list(cycle.responses.values_list("contributor", flat=True)) == [None]
    change = CycleStatusChange.objects.get(cycle=cycle)
    assert (change.from_status, change.to_status, change.actor) == ("", "in_progress", lead)
    entry = AuditEntry.objects.get(action="cycle.started")
    assert (entry.organisation, entry.actor, entry.target_id) == (organisation, lead, str(cycle.pk))


def test_cycle_start_refuses_a_second_cycle_in_progress(organisation, lead, cycle):
    with pytest.raises(DomainError, match="already has an assessment in progress"):
        start(organisation, lead, name="Another")
    assert AssessmentCycle.objects.filter(organisation=organisation).count() == 1
    assert AuditEntry.objects.filter(action="cycle.started").count() == 1


def test_cycle_start_refuses_an_end_before_the_start(organisation, lead):
    with pytest.raises(DomainError) as refused:
        start(organisation, lead, period_start=date(2026, 4, 1), period_end=date(2026, 3, 31))
    assert refused.value.field == "period_end"
    assert not AssessmentCycle.objects.exists()
    assert not Response.objects.exists()
    assert not CycleStatusChange.objects.exists()
    assert not AuditEntry.objects.filter(action="cycle.started").exists()


def test_a_one_day_period_is_allowed(organisation, lead):
    cycle = start(organisation, lead, period_start=START, period_end=START)
    assert cycle.period_end == cycle.period_start


def test_another_organisation_can_have_its_own_cycle_in_progress(
    cycle, other_organisation, outsider
):
    other = start(other_organisation, outsider)
    assert other.status == cycle.status == CycleStatus.IN_PROGRESS
    assert other.organisation == other_organisation


def test_a_new_cycle_can_start_once_the_previous_is_submitted(organisation, lead):
    submitted_cycle(organisation, year=2025)
    assert start(organisation, lead).status == CycleStatus.IN_PROGRESS


# --- cycle_submit ----------------------------------------------------------------------------


def test_cycle_submit_refuses_while_a_section_is_incomplete(cycle, response, lead):
    answer_everything(response, score=3)
    IndicatorAnswer.objects.filter(
        response=response, indicator__code__in=["policy-08", "evaluation-01"]
    ).delete()
    answer_indicator(response, "evaluation-01", evidence="notes only: not an answer")

    with pytest.raises(DomainError) as refused:
        cycle_submit(cycle=cycle, actor=lead)

    message = refused.value.message
    assert "Policies and procedures" in message
    assert "Monitoring and evaluation" in message
    assert "Readiness" not in message and "Leadership" not in message
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.IN_PROGRESS
    assert cycle.submitted_at is None and cycle.submitted_by is None
    assert list(cycle.history.values_list("to_status", flat=True)) == ["in_progress"]
    assert not AuditEntry.objects.filter(action="cycle.submitted").exists()


def test_cycle_submit_lists_every_section_when_nothing_is_answered(cycle, lead):
    with pytest.raises(DomainError) as refused:
        cycle_submit(cycle=cycle, actor=lead)
    for name in ("Readiness", "Leadership and governance", "Monitoring and evaluation"):
        assert name in refused.value.message


def test_cycle_submit_refuses_when_only_readiness_is_missing_one_item(cycle, response, lead):
    answer_everything(response)
    ReadinessAnswer.objects.filter(response=response, item__code="voice-02").update(value="")
    with pytest.raises(DomainError, match="Readiness"):
        cycle_submit(cycle=cycle, actor=lead)


def test_cycle_submit_ignores_contributor_answers(cycle, lead):
    answer_everything(add_contributor(cycle))
    with pytest.raises(DomainError):
        cycle_submit(cycle=cycle, actor=lead)


def test_cycle_submit_succeeds_when_everything_is_answered(cycle, response, lead):
    answer_everything(response, score=None, readiness=ReadinessValue.DONT_KNOW)  # all Don't know

    submitted = cycle_submit(cycle=cycle, actor=lead)

    cycle.refresh_from_db()
    assert submitted.status == cycle.status == CycleStatus.SUBMITTED
    assert cycle.submitted_by == lead and cycle.submitted_at is not None
    change = cycle.history.last()
    assert (change.from_status, change.to_status, change.actor) == (
        "in_progress",
        "submitted",
        lead,
    )
    assert AuditEntry.objects.filter(action="cycle.submitted", target_id=str(cycle.pk)).exists()


def test_a_submitted_cycle_cannot_be_submitted_again(cycle, response, lead):
    answer_everything(response)
    cycle_submit(cycle=cycle, actor=lead)
    with pytest.raises(DomainError):
        cycle_submit(cycle=cycle, actor=lead)
    assert cycle.history.count() == 2


# --- cycle_reopen and the workflow -----------------------------------------------------------


@pytest.fixture
def submitted(cycle, response, lead):
    answer_everything(response)
    return cycle_submit(cycle=cycle, actor=lead)


@pytest.mark.parametrize("reason", ["", "   "])
def test_cycle_reopen_needs_a_reason(submitted, lead, reason):
    with pytest.raises(DomainError) as refused:
        cycle_reopen(cycle=submitted, actor=lead, reason=reason)
    assert refused.value.field == "reason"
    submitted.refresh_from_db()
    assert submitted.status == CycleStatus.SUBMITTED
    assert submitted.history.count() == 2


def test_cycle_reopen_records_the_reason(submitted, lead):
    cycle = cycle_reopen(cycle=submitted, actor=lead, reason="  Board asked for changes  ")

    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.IN_PROGRESS
    assert cycle.submitted_at is None and cycle.submitted_by is None
    change = cycle.history.last()
    assert (change.from_status, change.to_status, change.reason, change.actor) == (
        "submitted",
        "in_progress",
        "Board asked for changes",
        lead,
    )
    entry = AuditEntry.objects.get(action="cycle.reopened")
    assert entry.details == {
        "cycle": cycle.name,
        "reason": "Board asked for changes",
        "changed": {"status": ["submitted", "in_progress"]},
    }


def test_cycle_reopen_is_refused_while_another_cycle_is_in_progress(organisation, lead):
    old = submitted_cycle(organisation, year=2025)
    current = start(organisation, lead)

    with pytest.raises(DomainError, match="already has an assessment in progress"):
        cycle_reopen(cycle=old, actor=lead, reason="Fix a typo")

    old.refresh_from_db()
    assert old.status == CycleStatus.SUBMITTED
    assert not old.history.exists()
    assert current.status == CycleStatus.IN_PROGRESS


def test_cycle_reopen_of_an_in_progress_cycle_is_refused(cycle, lead):
    with pytest.raises(DomainError):
        cycle_reopen(cycle=cycle, actor=lead, reason="Why not")
    assert cycle.history.count() == 1


def test_status_changes_are_immutable(cycle):
    change = cycle.history.get()
    change.reason = "rewritten"
    with pytest.raises(ValueError, match="immutable"):
        change.save()


@pytest.mark.parametrize("status", [CycleStatus.IN_PROGRESS, CycleStatus.SUBMITTED])
def test_the_workflow_refuses_a_move_to_the_same_status(organisation, lead, status):
    cycle = CycleFactory(organisation=organisation, status=status)

    with pytest.raises(DomainError, match="cannot move"):
        workflow.cycle_transition(cycle=cycle, to_status=status, actor=lead)

    assert not CycleStatusChange.objects.filter(cycle=cycle).exists()
    cycle.refresh_from_db()
    assert cycle.status == status


# --- saving domain answers -------------------------------------------------------------------


def test_domain_answers_save_writes_the_page_in_one_go(response, lead):
    policy = indicators(response.cycle, "policy")
    answers = {ind.pk: IndicatorInput(score=n % 5) for n, ind in enumerate(policy)}
    answers[policy[1].pk] = IndicatorInput(
        score=2, evidence="  Policy review 2025  ", priority=True
    )

    revision = save_domain(response, "policy", answers, actor=lead)

    assert (revision.section, revision.revision, revision.updated_by) == ("policy", 1, lead)
    rows = answer_rows(response)
    assert len(rows) == 8
    assert rows[1] == ("policy-02", 2, False, "Policy review 2025", True)
    assert rows[7] == ("policy-08", 2, False, "", False)  # 7 % 5
    updated_by = IndicatorAnswer.objects.filter(response=response).values_list("updated_by")
    assert set(updated_by) == {(lead.pk,)}
    assert progress(response)["policy"].status == COMPLETED


def test_each_save_increases_the_section_revision(response, lead, second_lead):
    first = indicators(response.cycle, "policy")[0]
    save_domain(response, "policy", {first.pk: IndicatorInput(score=1)}, revision=0, actor=lead)
    revision = save_domain(
        response, "policy", {first.pk: IndicatorInput(score=3)}, revision=1, actor=second_lead
    )

    assert revision.revision == 2
    stored = SectionRevision.objects.get(response=response, section="policy")
    assert (stored.revision, stored.updated_by) == (2, second_lead)
    assert answer_rows(response) == [("policy-01", 3, False, "", False)]
    # other sections have their own revision
    assert not SectionRevision.objects.filter(response=response, section="leadership").exists()


def test_a_stale_save_is_refused_and_writes_nothing(response, lead, second_lead):
    policy = indicators(response.cycle, "policy")
    save_domain(
        response, "policy", {policy[0].pk: IndicatorInput(score=1)}, revision=0, actor=second_lead
    )
    before = answer_rows(response)

    with pytest.raises(StaleSectionError) as stale:
        save_domain(
            response,
            "policy",
            {policy[0].pk: IndicatorInput(score=4), policy[1].pk: IndicatorInput(score=4)},
            revision=0,
            actor=lead,
        )

    assert second_lead.full_name in str(stale.value)
    assert stale.value.revision.revision == 1
    assert answer_rows(response) == before
    stored = SectionRevision.objects.get(response=response, section="policy")
    assert (stored.revision, stored.updated_by) == (1, second_lead)


def test_a_stale_save_names_someone_who_has_left_in_a_sentence(response, lead, second_lead):
    policy = indicators(response.cycle, "policy")
    save_domain(
        response, "policy", {policy[0].pk: IndicatorInput(score=1)}, revision=0, actor=second_lead
    )
    second_lead.closed_at = second_lead.date_joined
    second_lead.save(update_fields=["closed_at"])

    with pytest.raises(StaleSectionError) as stale:
        save_domain(
            response, "policy", {policy[0].pk: IndicatorInput(score=4)}, revision=0, actor=lead
        )

    assert str(stale.value).startswith("A former member saved this page after you opened it.")


def test_a_save_expecting_a_revision_that_never_happened_writes_nothing(response, lead):
    first = indicators(response.cycle, "policy")[0]
    with pytest.raises(StaleSectionError):
        save_domain(response, "policy", {first.pk: IndicatorInput(score=4)}, revision=3, actor=lead)
    assert not IndicatorAnswer.objects.exists()
    assert not SectionRevision.objects.exists()


def test_answers_for_another_domains_indicator_are_refused(response, lead):
    policy_01 = indicators(response.cycle, "policy")[0]
    leadership_01 = indicators(response.cycle, "leadership")[0]

    with pytest.raises(DomainError, match="not on this page"):
        save_domain(
            response,
            "policy",
            {policy_01.pk: IndicatorInput(score=3), leadership_01.pk: IndicatorInput(score=3)},
            actor=lead,
        )

    assert not IndicatorAnswer.objects.exists()
    assert not SectionRevision.objects.exists()


def test_answers_for_another_framework_versions_indicator_are_refused(response, lead, tmp_path):
    newer = new_framework_version(tmp_path)
    newer_policy = Domain.objects.get(framework=newer, code="policy")
    newer_01 = newer_policy.indicators.get(code="policy-01")

    # the old version's page with a new version's indicator
    with pytest.raises(DomainError):
        save_domain(response, "policy", {newer_01.pk: IndicatorInput(score=3)}, actor=lead)
    # the new version's page for a cycle on the old version
    with pytest.raises(DomainError):
        domain_answers_save(
            response=response,
            domain=newer_policy,
            answers={newer_01.pk: IndicatorInput(score=3)},
            expected_revision=0,
            actor=lead,
        )

    assert not IndicatorAnswer.objects.exists()
    assert not SectionRevision.objects.exists()


def test_saving_to_a_submitted_cycle_is_refused(submitted, lead):
    response = submitted.responses.get(contributor=None)
    before = answer_rows(response)
    first = indicators(submitted, "policy")[0]

    with pytest.raises(DomainError, match="submitted"):
        save_domain(response, "policy", {first.pk: IndicatorInput(score=0)}, actor=lead)
    with pytest.raises(DomainError, match="submitted"):
        readiness_save_one(response, items(submitted)[0], ReadinessInput("not_yet"), lead)

    assert answer_rows(response) == before
    assert not SectionRevision.objects.exists()


def test_notes_only_rows_are_kept_and_count_as_in_progress(response, lead):
    policy = indicators(response.cycle, "policy")

    save_domain(
        response,
        "policy",
        {
            policy[0].pk: IndicatorInput(evidence="Checking with HR"),
            policy[1].pk: IndicatorInput(priority=True),
            policy[2].pk: IndicatorInput(),  # nothing at all: no row
        },
        actor=lead,
    )

    assert answer_rows(response) == [
        ("policy-01", None, False, "Checking with HR", False),
        ("policy-02", None, False, "", True),
    ]
    section = progress(response)["policy"]
    assert (section.total, section.answered, section.saved) == (8, 0, 2)
    assert section.status == IN_PROGRESS
    assert progress(response)["leadership"].status == NOT_STARTED


def test_dont_know_clears_a_score(response, lead):
    first = indicators(response.cycle, "policy")[0]
    save_domain(response, "policy", {first.pk: IndicatorInput(score=3)}, actor=lead)

    save_domain(
        response, "policy", {first.pk: IndicatorInput(score=3, dont_know=True)}, 1, actor=lead
    )

    assert answer_rows(response) == [("policy-01", None, True, "", False)]
    assert progress(response)["policy"].answered == 1


def test_readiness_answers_save(response, lead, second_lead):
    themes = readiness_themes(cycle=response.cycle)
    first, second = themes[0], themes[1]
    for theme in themes[1:]:
        readiness_answers_save(
            response=response,
            theme=theme,
            answers={item.pk: ReadinessInput(value="yes") for item in theme.active_items},
            expected_revision=0,
            actor=lead,
        )
    readiness = first.active_items
    answers = {item.pk: ReadinessInput(value="yes") for item in readiness}
    answers[readiness[0].pk] = ReadinessInput(value="dont_know", note="  Ask the board  ")
    answers[readiness[1].pk] = ReadinessInput(note="notes only")

    revision = readiness_answers_save(
        response=response, theme=first, answers=answers, expected_revision=0, actor=lead
    )

    assert (revision.section, revision.revision) == (readiness_revision_key(first.code), 1)
    stored = dict(ReadinessAnswer.objects.filter(response=response).values_list("item_id", "note"))
    assert len(stored) == 18 and stored[readiness[0].pk] == "Ask the board"
    section = progress(response)[READINESS_SECTION]
    assert (section.total, section.answered, section.saved) == (18, 17, 18)
    assert section.status == IN_PROGRESS

    # stale: nothing is written
    with pytest.raises(StaleSectionError):
        readiness_answers_save(
            response=response,
            theme=first,
            answers={readiness[1].pk: ReadinessInput(value="yes")},
            expected_revision=0,
            actor=second_lead,
        )
    assert ReadinessAnswer.objects.get(response=response, item=readiness[1]).value == ""
    # another theme's page has its own revision: saving it is not refused
    readiness_answers_save(
        response=response,
        theme=second,
        answers={second.active_items[0].pk: ReadinessInput(value="partly")},
        expected_revision=1,
        actor=second_lead,
    )
    # up to date: saved
    readiness_answers_save(
        response=response,
        theme=first,
        answers={readiness[1].pk: ReadinessInput(value="partly")},
        expected_revision=1,
        actor=second_lead,
    )
    assert progress(response)[READINESS_SECTION].status == COMPLETED


def test_readiness_items_of_another_theme_are_refused(response, lead):
    first, second = readiness_themes(cycle=response.cycle)[:2]

    with pytest.raises(DomainError, match="not on this page"):
        readiness_answers_save(
            response=response,
            theme=first,
            answers={second.active_items[0].pk: ReadinessInput(value="yes")},
            expected_revision=0,
            actor=lead,
        )

    assert not ReadinessAnswer.objects.exists()
    assert not SectionRevision.objects.exists()


def test_readiness_items_of_another_framework_version_are_refused(response, lead, tmp_path):
    newer = new_framework_version(tmp_path)
    mine, theirs = items(response.cycle)[0], ReadinessItem.objects.filter(framework=newer).first()

    with pytest.raises(DomainError, match="not on this page"):
        readiness_answers_save(
            response=response,
            theme=mine.theme,
            answers={mine.pk: ReadinessInput(value="yes"), theirs.pk: ReadinessInput(value="yes")},
            expected_revision=0,
            actor=lead,
        )

    assert not ReadinessAnswer.objects.exists()
    assert not SectionRevision.objects.exists()


# --- contributors ----------------------------------------------------------------------------


def contributor_membership(organisation, user) -> Membership:
    return Membership.objects.get(organisation=organisation, user=user)


def test_contributor_invite_creates_a_contributor_and_their_response(
    organisation, cycle, lead, contributor
):
    response = contributor_invite(
        cycle=cycle, membership=contributor_membership(organisation, contributor), actor=lead
    )

    assert response.contributor == contributor and response.cycle == cycle
    assert not response.is_organisation
    invited = CycleContributor.objects.get(cycle=cycle)
    assert (invited.user, invited.invited_by) == (contributor, lead)
    assert AuditEntry.objects.filter(action="cycle.contributor_invited").count() == 1


def test_contributor_invite_refuses_a_lead(organisation, cycle, lead):
    membership = MembershipFactory(organisation=organisation, role=Role.LEAD)
    with pytest.raises(DomainError, match="Leads record the organisation") as refused:
        contributor_invite(cycle=cycle, membership=membership, actor=lead)
    assert refused.value.field == "member"
    assert not CycleContributor.objects.exists()
    assert cycle.responses.count() == 1


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.BOARD])
def test_any_member_but_a_lead_can_be_asked_and_then_give_their_views(
    organisation, cycle, lead, role
):
    membership = MembershipFactory(organisation=organisation, role=role)
    candidates = contributor_candidates(cycle=cycle, invited=set())
    assert membership in candidates
    assert all(m.role != Role.LEAD for m in candidates)

    response = contributor_invite(cycle=cycle, membership=membership, actor=lead)

    assert response.contributor == membership.user
    policy = indicators(cycle, "policy")
    save_domain(response, "policy", {policy[0].pk: IndicatorInput(score=2)}, actor=membership.user)
    assert answer_rows(response) == [(policy[0].code, 2, False, "", False)]


def test_contributor_invite_refuses_a_member_of_another_organisation(
    cycle, other_organisation, lead
):
    membership = MembershipFactory(organisation=other_organisation, role=Role.CONTRIBUTOR)
    with pytest.raises(DomainError):
        contributor_invite(cycle=cycle, membership=membership, actor=lead)
    assert not CycleContributor.objects.exists()
    assert cycle.responses.count() == 1


def test_contributor_invite_refuses_inviting_twice(organisation, cycle, lead, contributor):
    membership = contributor_membership(organisation, contributor)
    contributor_invite(cycle=cycle, membership=membership, actor=lead)

    with pytest.raises(DomainError, match="already giving their views") as refused:
        contributor_invite(cycle=cycle, membership=membership, actor=lead)

    assert contributor.full_name in refused.value.message
    assert CycleContributor.objects.filter(cycle=cycle).count() == 1
    assert cycle.responses.count() == 2
    assert AuditEntry.objects.filter(action="cycle.contributor_invited").count() == 1


def test_contributor_invite_refuses_a_submitted_cycle(organisation, submitted, lead, contributor):
    with pytest.raises(DomainError, match="submitted"):
        contributor_invite(
            cycle=submitted,
            membership=contributor_membership(organisation, contributor),
            actor=lead,
        )
    assert not CycleContributor.objects.exists()


def test_contributor_answers_are_kept_apart_and_shown_as_a_spread(
    organisation, cycle, response, lead
):
    cycle = cycle_views_naming_set(cycle=cycle, named=True, was_named=False, actor=lead)
    people = [MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR) for _ in range(4)]
    views = [
        contributor_invite(cycle=cycle, membership=m, actor=lead) for m in people
    ]  # contributor response sets
    policy = indicators(cycle, "policy")
    first, second = policy[0].pk, policy[1].pk
    given = [
        {first: IndicatorInput(score=2), second: IndicatorInput(score=4)},
        {first: IndicatorInput(score=2)},
        {first: IndicatorInput(dont_know=True), second: IndicatorInput(score=4)},
        {first: IndicatorInput(evidence="not sure yet")},  # no rating: not a view
    ]
    for view, answers, membership in zip(views, given, people, strict=True):
        save_domain(view, "policy", answers, actor=membership.user)
    save_domain(response, "policy", {first: IndicatorInput(score=0)}, actor=lead)

    page = domain_page(cycle=cycle, response=response, code="policy")

    assert page.spread[first] == [("Developing", 2), ("Don't know", 1)]
    assert page.spread[second] == [("Embedded and sustained", 2)]
    assert policy[2].pk not in page.spread
    # the organisation's answers are its own
    assert answer_rows(response) == [("policy-01", 0, False, "", False)]
    assert page.answers[first].score == 0
    assert progress(response)["policy"].answered == 1
    # and each contributor sees only their own, with no spread
    own = domain_page(cycle=cycle, response=views[0], code="policy")
    assert own.spread == {}
    assert {i: a.score for i, a in own.answers.items()} == {first: 2, second: 4}
    # each response set has its own revision
    assert SectionRevision.objects.filter(section="policy").count() == 5


def test_anonymous_views_show_a_question_once_3_colleagues_answered_it_and_no_names(
    organisation, cycle, response, lead
):
    people = [MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR) for _ in range(3)]
    views = [contributor_invite(cycle=cycle, membership=m, actor=lead) for m in people]
    first, second = (i.pk for i in indicators(cycle, "policy")[:2])
    given = [
        {first: IndicatorInput(score=2, evidence="Zed's note"), second: IndicatorInput(score=4)},
        {first: IndicatorInput(score=3, evidence="Abe's note"), second: IndicatorInput(score=4)},
        {first: IndicatorInput(score=2)},
    ]
    for view, answers, membership in zip(views, given, people, strict=True):
        save_domain(view, "policy", answers, actor=membership.user)

    page = domain_page(cycle=cycle, response=response, code="policy")

    assert not cycle.views_named  # anonymous unless the lead chooses names
    assert page.spread == {first: [("Developing", 2), ("Established", 1)]}
    assert [(n.name, n.text) for n in page.colleague_notes[first]] == [
        ("", "Abe's note"), ("", "Zed's note"),
    ]  # fmt: skip
    assert page.views_held_back == {second}  # only 2 answered it


def test_views_given_anonymously_cannot_then_be_named(organisation, cycle, lead, contributor):
    membership = Membership.objects.get(organisation=organisation, user=contributor)
    view = contributor_invite(cycle=cycle, membership=membership, actor=lead)
    save_domain(view, "policy", {indicators(cycle, "policy")[0].pk: IndicatorInput(score=1)},
                actor=contributor)  # fmt: skip

    with pytest.raises(DomainError, match="already given their views anonymously"):
        cycle_views_naming_set(cycle=cycle, named=True, was_named=False, actor=lead)
    with pytest.raises(DomainError, match="Another lead changed"):
        cycle_views_naming_set(cycle=cycle, named=False, was_named=True, actor=lead)

    cycle.refresh_from_db()
    assert not cycle.views_named
    assert not AuditEntry.objects.filter(action="cycle.views_naming_set").exists()


def test_readiness_spread_counts_contributors_only(organisation, cycle, response, lead):
    item = items(cycle)[0]
    for value in ("yes", "yes", "not_yet", ""):
        view = add_contributor(cycle)
        ReadinessAnswer.objects.create(response=view, item=item, value=value)
    ReadinessAnswer.objects.create(response=response, item=item, value="partly")

    page = readiness_page(cycle=cycle, response=response, code=item.theme.code)

    assert page.spread[item.pk] == [("Yes", 2), ("Not yet", 1)]


# --- targets ---------------------------------------------------------------------------------


def targets_of(cycle) -> dict:
    return dict(DomainTarget.objects.filter(cycle=cycle).values_list("domain__code", "level"))


def test_domain_targets_save_sets_updates_and_clears(cycle, lead, second_lead):
    leadership, policy = domain(cycle, "leadership"), domain(cycle, "policy")

    def save(targets, actor):
        version = AssessmentCycle.objects.get(pk=cycle.pk).version  # each saves in turn
        domain_targets_save(cycle=cycle, targets=targets, actor=actor, expected_version=version)

    save({leadership.pk: 2, policy.pk: 0}, lead)
    assert targets_of(cycle) == {"leadership": 2, "policy": 0}

    save({leadership.pk: 4, policy.pk: None}, second_lead)
    assert targets_of(cycle) == {"leadership": 4}
    assert DomainTarget.objects.get(cycle=cycle).set_by == second_lead

    save({leadership.pk: None}, lead)
    assert targets_of(cycle) == {}
    assert AuditEntry.objects.filter(action="cycle.targets_set").count() == 3


def test_domain_targets_save_refuses_another_framework_versions_domain(cycle, lead, tmp_path):
    newer = new_framework_version(tmp_path)
    with pytest.raises(DomainError, match="domain areas"):
        domain_targets_save(
            cycle=cycle,
            targets={
                domain(cycle, "policy").pk: 2,
                Domain.objects.get(framework=newer, code="policy").pk: 2,
            },
            actor=lead,
        )
    assert targets_of(cycle) == {}


@pytest.mark.parametrize("level", [-1, 5])
def test_domain_targets_save_refuses_a_level_outside_0_to_4(cycle, lead, level):
    leadership, policy = domain(cycle, "leadership"), domain(cycle, "policy")
    with pytest.raises(DomainError, match="target level"):
        domain_targets_save(cycle=cycle, targets={leadership.pk: 2, policy.pk: level}, actor=lead)
    assert targets_of(cycle) == {}


# --- demo data -------------------------------------------------------------------------------


def _demo_counts() -> dict:
    User = get_user_model()
    models = (
        User, Organisation, Membership, AssessmentCycle, Response, CycleContributor,
        CycleStatusChange, IndicatorAnswer, ReadinessAnswer, SectionRevision, DomainTarget,
        AuditEntry,
    )  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def test_demo_seed_makes_one_complete_submitted_cycle_and_is_idempotent():
    made = demo_seed()

    cycles = AssessmentCycle.objects.filter(organisation=made["organisation"])
    assert list(cycles) == [made["previous_cycle"]]
    cycle = cycles.get()
    assert cycle.status == CycleStatus.SUBMITTED and cycle.submitted_by is not None
    assert list(cycle.history.values_list("to_status", flat=True)) == ["in_progress", "submitted"]
    response = org_response(cycle)
    assert incomplete_sections(cycle=cycle, response=response) == []
    assert IndicatorAnswer.objects.filter(response=response).count() == 48
    assert ReadinessAnswer.objects.filter(response=response).exclude(value="").count() == 18
    colleagues = cycle.responses.filter(contributor__isnull=False).order_by("contributor__email")
    assert [r.contributor.email for r in colleagues] == [
        "contributor@example.org",
        "tenant@example.org",
    ]
    assert all(incomplete_sections(cycle=cycle, response=r) == [] for r in colleagues)
    assert CycleContributor.objects.filter(cycle=cycle, finished_at__isnull=False).count() == 2
    assert IndicatorAnswer.objects.filter(response=response).exclude(evidence="").count() > 24
    assert DomainTarget.objects.filter(cycle=cycle).count() == 6
    assert not AssessmentCycle.objects.filter(organisation=made["other_organisation"]).exists()

    before = _demo_counts()
    again = demo_seed()

    assert _demo_counts() == before
    assert again["previous_cycle"] == cycle
    assert again["organisation"] == made["organisation"]


# --- retired questions -----------------------------------------------------------------------


def _retire_policy_08(data: dict) -> None:
    policy = next(d for d in data["domains"] if d["code"] == "policy")
    policy["indicators"] = [i for i in policy["indicators"] if i["code"] != "policy-08"]


def test_an_answer_to_a_retired_indicator_does_not_complete_a_section(
    cycle, response, lead, tmp_path
):
    answer_everything(response)
    # policy-07 left unanswered; policy-08 answered
    IndicatorAnswer.objects.filter(response=response, indicator__code="policy-07").delete()
    # the same framework version is reloaded without policy-08, which is retired
    new_framework_version(
        tmp_path, code=cycle.framework.code, change=_retire_policy_08, published=None
    )
    assert not Indicator.objects.get(framework=cycle.framework, code="policy-08").is_active

    section = progress(response)["policy"]

    # 7 active indicators, 6 of them answered
    assert (section.total, section.answered) == (7, 6)
    assert section.status == IN_PROGRESS
    with pytest.raises(DomainError):
        cycle_submit(cycle=cycle, actor=lead)
