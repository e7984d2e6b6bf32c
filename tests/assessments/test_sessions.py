"""Consensus sessions: recording one, agreeing ratings one indicator at a time (the agreed
rating becomes the organisation's answer, a stale page is refused), "not agreed yet"
coming back at the next session, "where views differ most" first, anonymous spreads shown
only from 3 answers, and the record in the board report."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from action_plans.selectors import plan_gaps
from assessments.models import (
    ConsensusSession,
    CycleStatus,
    IndicatorAnswer,
    Outcome,
    SessionItem,
)
from assessments.selectors.sessions import (
    AGREED_EARLIER,
    AGREED_HERE,
    DIFFER,
    FRAMEWORK_ORDER,
    NOT_AGREED_EARLIER,
    TO_DISCUSS,
    facilitation_page,
    session_queue,
)
from assessments.services.answers import (
    NOT_APPLICABLE_NEEDS_REASON,
    IndicatorInput,
    StaleSectionError,
    domain_answers_save,
)
from assessments.services.sessions import (
    AGREED_NEEDS_ONE,
    NOT_MEMBERS,
    SessionDecision,
    session_item_record,
    session_schedule,
    session_update,
)
from framework.models import Domain
from tests.action_plans.factories import PlanFactory
from tests.assessments.factories import (
    CycleFactory,
    add_contributor,
    answer_indicator,
    indicator,
    org_response,
)
from tests.conftest import client_for
from tests.organisations.factories import MembershipFactory
from trauma_wales.errors import DomainError
from trauma_wales.kept import kept_clear
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role
from trauma_wales.versions import StaleEdit

pytestmark = pytest.mark.django_db

AGREE_3 = SessionDecision(outcome=Outcome.AGREED, score=3, reason="Training records show it")
NOT_YET = SessionDecision(outcome=Outcome.NOT_AGREED, reason="We need the survey first")


@pytest.fixture
def cycle(organisation):
    return CycleFactory(organisation=organisation, year=2026)


@pytest.fixture
def session(cycle, lead):
    return schedule(cycle, lead)


def schedule(cycle, lead, held_on=date(2026, 6, 1)):
    return session_schedule(
        cycle=cycle,
        held_on=held_on,
        members=[lead],
        guests={"lived_experience": 2},
        guest_names="",
        actor=lead,
    )


def record(session, code, decision, actor, revision=None):
    ind = indicator(session.cycle.framework, code)
    if revision is None:
        revision = facilitation_page(session=session, code=code).revision
    return session_item_record(
        session=session, indicator=ind, decision=decision, expected_revision=revision, actor=actor
    )


def views(cycle, code, *scores):
    """Colleagues' views of one indicator, one new colleague per score."""
    for score in scores:
        answer_indicator(add_contributor(cycle), code, score=score, evidence=f"Rated {score}")


# --- recording a session -------------------------------------------------------------------


def test_a_session_records_who_took_part_and_is_audited(cycle, lead):
    session = schedule(cycle, lead)

    assert list(session.members.all()) == [lead]
    assert (session.guests, session.guest_total) == ({"lived_experience": 2}, 2)
    entry = AuditEntry.objects.get(action="session.scheduled")
    assert entry.details["held_on"] == "2026-06-01" and entry.details["guests"] == 2


def test_a_session_refuses_someone_from_another_organisation(cycle, lead, outsider):
    with pytest.raises(DomainError, match=str(NOT_MEMBERS)):
        session_schedule(
            cycle=cycle, held_on=date(2026, 6, 1), members=[outsider], guests={},
            guest_names="", actor=lead,
        )  # fmt: skip
    assert not ConsensusSession.objects.exists()


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR, Role.REVIEWER, Role.BOARD])
def test_only_those_who_run_the_assessment_hold_sessions(cycle, member_for_role, role):
    with pytest.raises(DomainError):
        schedule(cycle, member_for_role(role))


def test_no_session_once_the_assessment_is_submitted(organisation, lead):
    cycle = CycleFactory(organisation=organisation, year=2026, status=CycleStatus.SUBMITTED)
    with pytest.raises(DomainError):
        schedule(cycle, lead)


def test_a_sessions_record_is_corrected_over_the_version_it_was_opened_at(session, lead):
    corrected = session_update(
        session=session, held_on=date(2026, 6, 2), members=[lead], guests={"partner": 1},
        guest_names="Cwm Afon Tenants", actor=lead, expected_version=1,
    )  # fmt: skip

    assert (corrected.held_on, corrected.guests, corrected.version) == (
        date(2026, 6, 2), {"partner": 1}, 2,
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="session.updated")
    assert entry.details["changed"]["guests"] == [2, 1]
    with pytest.raises(StaleEdit):
        session_update(
            session=session, held_on=date(2026, 6, 3), members=[lead], guests={},
            guest_names="", actor=lead, expected_version=1,
        )  # fmt: skip
    assert ConsensusSession.objects.get().held_on == date(2026, 6, 2)


def test_the_session_page_corrects_the_record_and_refuses_a_stale_one(session, lead):
    url = reverse(
        "assessments:session_edit",
        args=[session.cycle.organisation.slug, session.cycle.pk, session.pk],
    )
    client = client_for(lead)
    form = client.get(url)
    assert form.context["form"].initial["guests_lived_experience"] == 2
    data = {"version": "1", "held_on_0": "2", "held_on_1": "6", "held_on_2": "2026",
            "members": [lead.pk], "guests_lived_experience": "3"}  # fmt: skip

    assert client.post(url, data)["Location"] == session_url(session)
    stale = client.post(url, {**data, "held_on_0": "9"})

    assert stale.status_code == 200
    assert "Someone changed this session after you opened this page" in stale.content.decode()
    assert ConsensusSession.objects.get().held_on == date(2026, 6, 2)


# --- agreeing ------------------------------------------------------------------------------


def test_an_agreed_rating_becomes_the_organisations_answer_in_one_entry(session, lead):
    response = org_response(session.cycle)
    answer_indicator(response, "leadership-02", score=1, evidence="Minutes", priority=True)

    item = record(session, "leadership-02", AGREE_3, lead)

    answer = IndicatorAnswer.objects.get(response=response, indicator=item.indicator)
    assert (answer.score, answer.evidence, answer.priority) == (3, "Minutes", True)
    assert (item.outcome, item.score, item.reason) == ("agreed", 3, "Training records show it")
    entry = AuditEntry.objects.get(action="session.item_recorded")
    assert entry.details["changed"] == {"leadership-02": {"score": [1, 3]}}
    assert entry.details["reason"] == "Training records show it"


def test_not_agreed_yet_leaves_the_answer_and_comes_back_next_time(cycle, session, lead):
    answer_indicator(org_response(cycle), "policy-01", score=2)
    record(session, "policy-01", NOT_YET, lead)
    record(session, "policy-02", AGREE_3, lead)

    assert IndicatorAnswer.objects.get(indicator__code="policy-01").score == 2
    statuses = {r.indicator.code: r.status for r in session_queue(session=session).rows}
    assert (statuses["policy-01"], statuses["policy-02"]) == ("not_agreed_here", AGREED_HERE)
    assert statuses["policy-03"] == TO_DISCUSS

    later = schedule(cycle, lead, held_on=date(2026, 7, 1))
    queue = session_queue(session=later)
    statuses = {r.indicator.code: r.status for r in queue.rows}
    assert statuses["policy-01"] == NOT_AGREED_EARLIER
    assert statuses["policy-02"] == AGREED_EARLIER
    assert "policy-01" in {r.indicator.code for r in queue.to_discuss}
    assert [r.indicator.code for r in queue.agreed_earlier] == ["policy-02"]


def test_agreed_not_applicable_needs_a_reason_and_clears_the_priority(cycle, session, lead):
    answer_indicator(org_response(cycle), "workforce-04", score=0, priority=True)
    bare = SessionDecision(outcome=Outcome.AGREED, not_applicable=True)

    with pytest.raises(DomainError, match=str(NOT_APPLICABLE_NEEDS_REASON)):
        record(session, "workforce-04", bare, lead)
    reasoned = SessionDecision(outcome=Outcome.AGREED, not_applicable=True, reason="Partners do it")
    record(session, "workforce-04", reasoned, lead)

    answer = IndicatorAnswer.objects.get(indicator__code="workforce-04")
    assert (answer.not_applicable, answer.score, answer.priority) == (True, None, False)
    assert answer.evidence == "Partners do it"


@pytest.mark.parametrize(
    "decision",
    [
        SessionDecision(outcome=Outcome.AGREED),
        SessionDecision(outcome=Outcome.AGREED, score=5),
        SessionDecision(outcome=Outcome.AGREED, score=2, not_applicable=True, reason="x"),
        SessionDecision(outcome="maybe"),
    ],
    ids=["nothing chosen", "out of range", "both", "unknown outcome"],
)
def test_an_agreement_must_be_one_rating_or_not_applicable(session, lead, decision):
    with pytest.raises(DomainError, match=str(AGREED_NEEDS_ONE)):
        record(session, "policy-03", decision, lead)
    assert not SessionItem.objects.exists()


def test_a_page_opened_before_the_domain_was_saved_is_refused(cycle, session, lead):
    opened = facilitation_page(session=session, code="policy-01").revision
    domain_answers_save(
        response=org_response(cycle),
        domain=Domain.objects.get(framework=cycle.framework, code="policy"),
        answers={indicator(cycle.framework, "policy-01").pk: IndicatorInput(score=1)},
        expected_revision=0,
        actor=lead,
    )

    with pytest.raises(StaleSectionError):
        record(session, "policy-01", AGREE_3, lead, revision=opened)

    assert IndicatorAnswer.objects.get(indicator__code="policy-01").score == 1
    assert not SessionItem.objects.exists()


def test_the_database_refuses_an_agreed_item_without_one_answer(session):
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionItem.objects.create(
            session=session,
            indicator=indicator(session.cycle.framework, "policy-01"),
            outcome=Outcome.AGREED,
        )


# --- the order and what is shown -----------------------------------------------------------


def test_where_views_differ_most_comes_first(cycle, session):
    views(cycle, "policy-04", 2, 2, 3)  # width 1
    views(cycle, "environment-06", 0, 2, 4)  # width 4
    views(cycle, "leadership-07", 1, 3, 3)  # width 2

    differ = [r.indicator.code for r in session_queue(session=session, order=DIFFER).rows]
    framework = [
        r.indicator.code for r in session_queue(session=session, order=FRAMEWORK_ORDER).rows
    ]

    assert differ[:3] == ["environment-06", "leadership-07", "policy-04"]
    assert framework[:2] == ["leadership-01", "leadership-02"]


def test_an_anonymous_spread_is_shown_from_3_answers_and_not_from_2(cycle, session):
    views(cycle, "policy-04", 0, 4)
    views(cycle, "policy-05", 0, 2, 4)

    page_2 = facilitation_page(session=session, code="policy-04")
    page_3 = facilitation_page(session=session, code="policy-05")

    assert (page_2.row.spread, page_2.row.held_back, page_2.notes) == ([], True, [])
    assert page_2.row.width is None  # nor does it move up the "differ most" order
    assert sum(n for _label, n in page_3.row.spread) == 3
    assert sorted(note.text for note in page_3.notes) == ["Rated 0", "Rated 2", "Rated 4"]
    assert all(note.name == "" for note in page_3.notes)


def test_the_next_indicator_skips_those_decided_in_this_session(session, lead):
    record(session, "leadership-02", AGREE_3, lead)

    page = facilitation_page(session=session, code="leadership-01", order=FRAMEWORK_ORDER)

    assert page.next_row.indicator.code == "leadership-03"
    assert page.position == 1


# --- the pages -----------------------------------------------------------------------------


def session_url(session, *extra):
    name = "facilitate" if extra else "session"
    return reverse(
        f"assessments:{name}",
        args=[session.cycle.organisation.slug, session.cycle.pk, session.pk, *extra],
    )


def test_recording_a_session_on_the_page(cycle, lead):
    url = reverse("assessments:session_schedule", args=[cycle.organisation.slug, cycle.pk])
    data = {"held_on_0": "1", "held_on_1": "6", "held_on_2": "2026", "members": [lead.pk],
            "guests_lived_experience": "2"}  # fmt: skip

    response = client_for(lead).post(url, data)

    session = ConsensusSession.objects.get()
    assert response["Location"] == session_url(session)
    assert session.guests == {"lived_experience": 2}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"held_on_0": "1", "held_on_1": "6", "held_on_2": "2026"}, "Say who took part"),
        ({"held_on_0": "31", "held_on_1": "2", "held_on_2": "2026", "guests_hr": "1"},
         "The date of the session must be a real date"),
        ({"held_on_0": "1", "held_on_1": "6", "held_on_2": "2026", "guests_hr": "99"},
         "Enter a number from 0 to 50"),
    ],
    ids=["nobody", "no such date", "too many"],
)  # fmt: skip
def test_a_session_form_with_bad_input_saves_nothing(cycle, lead, data, message):
    url = reverse("assessments:session_schedule", args=[cycle.organisation.slug, cycle.pk])

    response = client_for(lead).post(url, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ConsensusSession.objects.exists()


def test_the_facilitation_page_agrees_and_moves_to_the_next(session, lead):
    client = client_for(lead)
    page = client.get(session_url(session, "leadership-01") + "?order=framework")
    assert page.status_code == 200
    revision = page.context["form"].initial["revision"]

    response = client.post(
        session_url(session, "leadership-01") + "?order=framework",
        {"revision": revision, "decision": "3", "reason": "Agreed", "save_next": ""},
    )

    assert response["Location"] == session_url(session, "leadership-02") + "?order=framework"
    assert IndicatorAnswer.objects.get(indicator__code="leadership-01").score == 3


def test_the_facilitation_page_asks_why_something_does_not_apply(session, lead):
    response = client_for(lead).post(
        session_url(session, "leadership-01"),
        {"revision": "0", "decision": "not_applicable", "reason": ""},
    )

    assert response.status_code == 200
    assert str(NOT_APPLICABLE_NEEDS_REASON) in response.content.decode()
    assert not SessionItem.objects.exists()


def test_a_stale_facilitation_page_says_so_and_takes_the_new_revision(cycle, session, lead):
    answer = {indicator(cycle.framework, "policy-01").pk: IndicatorInput(score=1)}
    domain_answers_save(
        response=org_response(cycle), domain=Domain.objects.get(framework=cycle.framework,
        code="policy"), answers=answer, expected_revision=0, actor=lead,
    )  # fmt: skip

    response = client_for(lead).post(
        session_url(session, "policy-01"), {"revision": "0", "decision": "3", "reason": ""}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "saved this page after you opened it" in page
    assert 'name="revision" value="1"' in page
    assert not SessionItem.objects.exists()


def test_an_indicator_or_session_not_in_the_cycle_is_not_found(cycle, session, lead, organisation):
    earlier = CycleFactory(organisation=organisation, year=2025, status=CycleStatus.SUBMITTED)
    other = ConsensusSession.objects.create(cycle=earlier, held_on=date(2025, 6, 1))
    client = client_for(lead)
    wrong_cycle = reverse("assessments:session", args=[organisation.slug, cycle.pk, other.pk])

    assert client.get(session_url(session, "no-such-indicator")).status_code == 404
    assert client.get(wrong_cycle).status_code == 404


@pytest.mark.parametrize("colleagues", [3, 30])
def test_session_and_results_pages_take_the_same_queries_for_3_or_30_colleagues(
    cycle, session, lead, colleagues
):
    for n in range(colleagues):
        response = add_contributor(cycle)
        for code in ("policy-01", "policy-02", "leadership-01"):
            answer_indicator(response, code, score=n % 5, evidence=f"Note {n}")
    client = client_for(lead)
    results = reverse("assessments:results", args=[cycle.organisation.slug, cycle.pk])
    counts = []
    for url in (session_url(session), session_url(session, "policy-01"), results):
        client.get(url)
        kept_clear()  # the results page's body is kept: build it again
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts == QUERIES


# The session's list, the facilitation page, the results page (built afresh: two of them
# are "How we compare", the version of peers' figures and whether the organisation shares).
QUERIES = [11, 12, 20]


# --- the action plan -----------------------------------------------------------------------


def test_actions_to_consider_are_offered_with_the_plans_suggestions(cycle, session, lead):
    response = org_response(cycle)
    answer_indicator(response, "environment-01", score=3)  # not a gap by its rating
    answer_indicator(response, "policy-01", score=0)
    ideas = SessionDecision(outcome=Outcome.AGREED, score=3, actions="Ask tenants about noise")
    record(session, "environment-01", ideas, lead)
    plan = PlanFactory(cycle=cycle)

    gaps = {gap.indicator.code: gap for gap in plan_gaps(plan=plan)}

    assert gaps["environment-01"].ideas == ("Ask tenants about noise",)
    assert gaps["policy-01"].ideas == ()
    url = reverse("plans:suggestions", args=[cycle.organisation.slug, cycle.pk])
    page = client_for(lead).get(url).content.decode()
    assert "Actions the working group suggested at a session" in page
    assert "Ask tenants about noise" in page


# --- the board report ----------------------------------------------------------------------


def test_the_full_report_tells_how_ratings_were_agreed(cycle, session, lead):
    record(session, "leadership-01", AGREE_3, lead)
    record(session, "policy-01", NOT_YET, lead)
    url = reverse("reports:report", args=[cycle.organisation.slug, cycle.pk])

    full = client_for(lead).get(url).content.decode()
    summary = client_for(lead).get(f"{url}?version=summary&language=en").content.decode()

    assert "How we agreed our ratings" in full
    assert "2 people with lived experience" in full
    assert "(3 Established)" in full and "Why: Training records show it" in full
    assert "We need the survey first" in full
    assert 'href="#sessions"' in full
    assert "How we agreed our ratings" not in summary


def test_the_history_tells_what_a_session_agreed(cycle, session, lead):
    record(session, "leadership-02", AGREE_3, lead)

    page = (
        client_for(lead)
        .get(reverse("organisations:history", args=[cycle.organisation.slug]))
        .content.decode()
    )

    assert "Recorded a session of the working group on 1 June 2026" in page
    assert "At the session on 1 June 2026, agreed question 2 on Leadership and governance" in page


def test_other_members_may_not_reach_sessions(cycle, session, organisation):
    board = MembershipFactory(organisation=organisation, role=Role.BOARD).user
    assert client_for(board).get(session_url(session)).status_code == 403


def test_who_took_part_reads_as_one_list(cycle, lead):
    session = session_schedule(
        cycle=cycle, held_on=date(2026, 6, 1), members=[lead],
        guests={"lived_experience": 1, "frontline": 2}, guest_names="", actor=lead,
    )  # fmt: skip

    page = client_for(lead).get(session_url(session)).content.decode()

    # Perspectives in the order they are offered, whatever order the database keeps.
    expected = f"{lead.shown_name}; 2 frontline staff or volunteers, 1 person with lived experience"
    text = " ".join(page.split())
    assert expected in text, text[text.find("Who took part") :][:200]
