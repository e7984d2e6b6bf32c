"""Feedback rounds from the lead's side: a round's life (open, answered, closed), who may
take each step and when (against the service, not only the page), a stale page refused,
the threshold of 5, comments read and included, what reaches the results page, the board
report and the plan's suggestions, the figures as CSV, and the pages' query counts."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from action_plans.models import Action
from action_plans.selectors import plan_feedback_gaps
from tests.action_plans.factories import PlanFactory
from tests.action_plans.test_plan_pages import action_post, date_post
from tests.assessments.factories import CycleFactory, submitted_cycle
from tests.conftest import client_for
from tests.voices.factories import (
    AGREE,
    DISAGREE,
    NOT_SURE,
    PREFER_NOT,
    SIX_PEOPLE,
    TWO_COMMENTS,
    feedback_round,
    statements,
)
from trauma_wales.errors import DomainError
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role
from trauma_wales.versions import StaleEdit
from voices.models import CommentDecision, FeedbackRound
from voices.overview import feedback_section
from voices.policies import ROUND_RULES, RoundStep, round_steps
from voices.selectors import cycle_voices, round_results
from voices.services import (
    BAD_CLOSING_DATE,
    ROUND_NOT_OPEN,
    TOO_FEW_STATEMENTS,
    WRONG_STATEMENTS,
    feedback_comment_decide,
    feedback_response_submit,
    feedback_round_close,
    feedback_round_export_record,
    feedback_round_open,
    feedback_round_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(organisation, framework_content):
    return CycleFactory(organisation=organisation, year=2026)


def today():
    return timezone.localdate()


def open_round(cycle, actor, **overrides):
    values = {
        "cycle": cycle,
        "audience": "people",
        "closes_on": today() + timedelta(days=21),
        "statements": statements(cycle.framework, "people", 4),
        "max_responses": 50,
        "support_en": "Call 111",
        "support_cy": "Ffoniwch 111",
        "actor": actor,
        **overrides,
    }
    return feedback_round_open(**values)


def answer(feedback_round, values, comment=""):
    asked = list(feedback_round.statements.order_by("order"))
    return feedback_response_submit(
        feedback_round=feedback_round,
        answers={s.pk: v for s, v in zip(asked, values, strict=False) if v},
        comment=comment,
        language="en",
    )


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def round_url(feedback_round, name="voices:round"):
    cycle = feedback_round.cycle
    return reverse(name, args=[cycle.organisation.slug, cycle.pk, feedback_round.pk])


# --- a round's life ----------------------------------------------------------------------


def test_a_round_opens_takes_answers_closes_and_then_refuses_more(cycle, lead):
    feedback = open_round(cycle, lead)
    assert feedback.is_open and feedback.statements.count() == 4
    for row in SIX_PEOPLE:
        answer(feedback, row)
    assert feedback.responses.count() == 6

    closed = feedback_round_close(feedback_round=feedback, actor=lead, expected_version=1)

    assert not closed.is_open and closed.closed_on == today()
    with pytest.raises(DomainError) as refused:
        answer(closed, SIX_PEOPLE[0])
    assert refused.value.message == ROUND_NOT_OPEN
    assert closed.responses.count() == 6
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["feedback_round.opened", "feedback_round.closed"]  # answers: none


def test_a_round_closes_by_itself_after_its_closing_date(cycle, lead, time_machine):
    feedback = open_round(cycle, lead, closes_on=today() + timedelta(days=2))
    time_machine.move_to(timezone.now() + timedelta(days=3))
    assert not FeedbackRound.objects.get(pk=feedback.pk).is_open
    with pytest.raises(DomainError):
        answer(feedback, SIX_PEOPLE[0])


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"closes_on": "yesterday"}, BAD_CLOSING_DATE),
        ({"closes_on": "in two years"}, BAD_CLOSING_DATE),
        ({"statements": "two"}, TOO_FEW_STATEMENTS % {"count": 3}),
        ({"statements": "staff ones"}, WRONG_STATEMENTS),
    ],
)
def test_a_round_with_bad_details_is_refused_and_nothing_saved(cycle, lead, overrides, message):
    values = {
        "yesterday": today() - timedelta(days=1),
        "in two years": today() + timedelta(days=730),
        "two": statements(cycle.framework, "people", 2),
        "staff ones": statements(cycle.framework, "staff", 4),
    }
    with pytest.raises(DomainError) as refused:
        open_round(cycle, lead, **{key: values[value] for key, value in overrides.items()})
    assert refused.value.message == message
    assert not FeedbackRound.objects.exists() and not AuditEntry.objects.exists()


def test_a_stale_change_is_refused_and_the_round_is_as_it_was(cycle, lead, organisation):
    feedback = open_round(cycle, lead)
    feedback_round_update(
        feedback_round=feedback,
        closes_on=today() + timedelta(days=30),
        max_responses=60,
        support_en="Call 111, or ask at reception",
        support_cy="Ffoniwch 111",
        actor=lead,
        expected_version=1,
    )
    with pytest.raises(StaleEdit):
        feedback_round_update(
            feedback_round=feedback,
            closes_on=today() + timedelta(days=9),
            max_responses=60,
            support_en="Call 111",
            support_cy="Ffoniwch 111",
            actor=lead,
            expected_version=1,
        )
    feedback.refresh_from_db()
    assert feedback.closes_on == today() + timedelta(days=30) and feedback.version == 2


def test_a_full_round_says_so_kindly(cycle, lead):
    feedback = open_round(cycle, lead, max_responses=5)
    for row in SIX_PEOPLE[:5]:
        answer(feedback, row)
    with pytest.raises(DomainError) as refused:
        answer(feedback, SIX_PEOPLE[5])
    assert "all the answers it can take" in str(refused.value.message)
    assert feedback.responses.count() == 5


def test_an_answer_with_nothing_in_it_or_to_another_rounds_statement_is_refused(cycle, lead):
    feedback = open_round(cycle, lead)
    with pytest.raises(DomainError):
        answer(feedback, ())
    other = statements(cycle.framework, "people", 8)[-1]
    with pytest.raises(DomainError):
        feedback_response_submit(
            feedback_round=feedback, answers={other.pk: AGREE}, comment="", language="en"
        )
    with pytest.raises(DomainError):
        feedback_response_submit(
            feedback_round=feedback,
            answers={feedback.statements.first().pk: "strongly"},
            comment="",
            language="en",
        )
    assert feedback.responses.count() == 0


# --- who may do what, when ---------------------------------------------------------------


def _take(step, feedback, actor, cycle):
    if step == RoundStep.OPEN:
        return open_round(cycle, actor)
    if step == RoundStep.EDIT:
        return feedback_round_update(
            feedback_round=feedback,
            closes_on=today() + timedelta(days=10),
            max_responses=20,
            support_en="Call 111",
            support_cy="Ffoniwch 111",
            actor=actor,
            expected_version=feedback.version,
        )
    if step == RoundStep.CLOSE:
        return feedback_round_close(
            feedback_round=feedback, actor=actor, expected_version=feedback.version
        )
    if step == RoundStep.READ_COMMENTS:
        comment = feedback.comments.get()
        return feedback_comment_decide(
            comment=comment,
            decision=CommentDecision.INCLUDED,
            expected_decision=comment.decision,
            actor=actor,
        )
    return feedback_round_export_record(feedback_round=feedback, actor=actor)


# Opening a round is a step on the cycle (no round yet), so it has no "closed" case.
STEP_CASES = [
    (step, status)
    for step in RoundStep
    for status in (["new"] if step == RoundStep.OPEN else ["open", "closed"])
]


@pytest.mark.parametrize("role", [role.value for role in Role])
@pytest.mark.parametrize(("step", "status"), STEP_CASES)
def test_every_step_by_every_role_in_every_status_is_allowed_or_refused(
    cycle, member_for_role, step, role, status
):
    """The service does exactly what the policy's table says (and the page offers)."""
    actor = member_for_role(role)
    actor.membership_role = role
    feedback = None
    if status != "new":
        feedback = feedback_round(
            cycle, comments=(("Kind staff", CommentDecision.WAITING),), closed=status == "closed"
        )
    allowed = step in round_steps(feedback, role)
    assert allowed == (role == Role.LEAD and status in ROUND_RULES[step].statuses)
    if allowed:
        _take(step, feedback, actor, cycle)
    else:
        with pytest.raises(DomainError):
            _take(step, feedback, actor, cycle)


def test_a_member_of_another_organisation_cannot_take_any_step(cycle, outsider):
    feedback = feedback_round(cycle)
    assert round_steps(feedback, None).open == frozenset()
    with pytest.raises(DomainError):
        feedback_round_close(feedback_round=feedback, actor=outsider, expected_version=1)


# --- the threshold, comments, and where the figures go -----------------------------------


def test_four_responses_show_nothing_five_show_the_figures(cycle, lead):
    feedback = open_round(cycle, lead)
    for row in SIX_PEOPLE[:4]:
        answer(feedback, row)
    four = round_results(feedback_round=feedback)
    assert not four.shown and not any(s.shown for s in four.statements)
    response = client_for(lead).get(round_url(feedback))
    assert b"Figures appear once at least 5 people have answered" in response.content
    assert b"statement-figures" not in response.content

    answer(feedback, SIX_PEOPLE[4])

    five = round_results(feedback_round=feedback)
    assert five.shown
    first = five.statements[0]
    assert (first.agree, first.not_sure, first.disagree) == (4, 1, 0) and first.shown
    response = client_for(lead).get(round_url(feedback))
    assert b"statement-figures" in response.content


def test_a_statement_fewer_than_5_answered_is_hidden_and_left_out_of_its_domain(cycle, lead):
    """The domain figure adds only shown statements: a hidden statement's counts cannot be
    worked out by taking the shown ones from the domain's total."""
    rows = [(AGREE, "", DISAGREE, AGREE)] * 4 + [(AGREE, AGREE, DISAGREE, AGREE)] * 2
    feedback = feedback_round(cycle, answers=tuple(rows))
    results = round_results(feedback_round=feedback)
    hidden = results.statements[1]
    assert hidden.answered == 2 and not hidden.shown
    for voice in results.domains:
        assert voice.answered == sum(s.answered for s in voice.statements if s.shown)


def test_prefer_not_to_say_is_counted_apart_and_not_in_the_share(cycle, lead):
    rows = tuple((PREFER_NOT, AGREE, AGREE, AGREE) for _ in range(3)) + tuple(
        (AGREE, DISAGREE, NOT_SURE, AGREE) for _ in range(5)
    )
    results = round_results(feedback_round=feedback_round(cycle, answers=rows))
    first = results.statements[0]
    assert (first.prefer_not, first.answered, first.agree_in_ten) == (3, 5, 10)


def test_comments_wait_until_a_lead_includes_them(cycle, lead):
    feedback = open_round(cycle, lead)
    for row in SIX_PEOPLE:
        answer(feedback, row, comment="The waiting room is calm." if row is SIX_PEOPLE[0] else "")
    answer(feedback, SIX_PEOPLE[1], comment="Letters are hard to read.")
    feedback_round_close(feedback_round=feedback, actor=lead, expected_version=1)
    assert cycle_voices(cycle=cycle)[0].comments == []

    client = client_for(lead)
    page = client.get(round_url(feedback))
    assert b"Letters are hard to read." in page.content
    calm = feedback.comments.get(text="The waiting room is calm.")
    response = client.post(
        round_url(feedback),
        {"comment": calm.pk, "decision": "included", "shown": "waiting"},
    )
    assert response.status_code == 302

    voices = cycle_voices(cycle=cycle)
    assert [c.text for c in voices[0].comments] == ["The waiting room is calm."]
    assert AuditEntry.objects.filter(action="feedback_comment.decided").count() == 1


def test_a_choice_about_a_comment_made_meanwhile_is_not_overwritten(cycle, lead):
    feedback = feedback_round(cycle, comments=(("Kind staff", CommentDecision.WAITING),))
    comment = feedback.comments.get()
    feedback_comment_decide(
        comment=comment, decision="left_out", expected_decision="waiting", actor=lead
    )
    response = client_for(lead).post(
        round_url(feedback), {"comment": comment.pk, "decision": "included", "shown": "waiting"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.decision == CommentDecision.LEFT_OUT


@pytest.mark.parametrize("comment_id", ["", "²", "99999999999999999999", "abc"])
def test_a_decision_about_no_such_comment_is_a_kind_message_not_a_500(cycle, lead, comment_id):
    feedback = feedback_round(cycle)
    response = client_for(lead).post(
        round_url(feedback), {"comment": comment_id, "decision": "included", "shown": "waiting"},
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    assert b"That comment could not be found" in response.content


def test_what_people_told_us_reaches_results_report_and_suggestions(organisation, lead, board):
    cycle = submitted_cycle(organisation, year=2025, score=2)
    disagreeing = tuple((AGREE, DISAGREE, AGREE, AGREE) for _ in range(6))
    open_one = feedback_round(cycle, answers=disagreeing)
    closed = feedback_round(
        cycle,
        answers=disagreeing,
        closed=True,
        comments=(("Included words", "included"), ("Left out words", "left_out")),
    )
    plan = PlanFactory(cycle=cycle)
    slug = organisation.slug

    results = client_for(board).get(reverse("assessments:results", args=[slug, cycle.pk]))
    report = client_for(board).get(reverse("reports:report", args=[slug, cycle.pk]))
    for page in (results, report):
        html = page.content.decode()
        assert 'id="voices"' in html
        assert "Included words" in html and "Left out words" not in html
        assert "in 10 people who use our services agreed" in html
    assert len(cycle_voices(cycle=cycle)) == 1  # the open round waits until it closes
    assert open_one.pk not in [r.feedback_round.pk for r in cycle_voices(cycle=cycle)]

    gaps = plan_feedback_gaps(plan=plan)
    disagreed = closed.statements.order_by("order")[1]
    assert [g.statement for g in gaps] == [disagreed]
    suggestions = client_for(lead).get(reverse("plans:suggestions", args=[slug, cycle.pk]))
    assert f"?statement={disagreed.pk}".encode() in suggestions.content

    form = client_for(lead).get(
        reverse("plans:action_create", args=[slug, cycle.pk]) + f"?statement={disagreed.pk}"
    )
    assert disagreed.action.encode() in form.content


def test_an_action_made_from_a_statement_takes_it_off_the_suggestions(organisation, lead):
    cycle = submitted_cycle(organisation, year=2025, score=2)
    closed = feedback_round(
        cycle, answers=tuple((AGREE, DISAGREE, AGREE, AGREE) for _ in range(6)), closed=True
    )
    plan = PlanFactory(cycle=cycle)
    disagreed = closed.statements.order_by("order")[1]
    url = reverse("plans:action_create", args=[organisation.slug, cycle.pk])
    page = client_for(lead).get(url + f"?statement={disagreed.pk}")
    data = action_post(
        plan,
        description=disagreed.action_en,
        domain=disagreed.domains.first().pk,
        **date_post("target_date", today() + timedelta(days=60)),
    )
    assert page.status_code == 200
    response = client_for(lead).post(url + f"?statement={disagreed.pk}", data)
    assert response.status_code == 302, response.context["form"].errors
    assert Action.objects.get(plan=plan).source_statement == disagreed
    assert plan_feedback_gaps(plan=plan) == []


def test_the_figures_download_as_csv_and_hidden_figures_stay_hidden(cycle, lead):
    feedback = feedback_round(cycle, answers=SIX_PEOPLE[:4])
    url = round_url(feedback, "voices:csv")
    rows = csv_rows(client_for(lead).get(url))
    assert rows[0][0] == "Kind"
    assert all(row[4] == "" and row[8] == "fewer than 5 answers" for row in rows[1:])
    assert AuditEntry.objects.filter(action="feedback_round.exported").count() == 1

    feedback = feedback_round(cycle, answers=SIX_PEOPLE)
    rows = csv_rows(client_for(lead).get(round_url(feedback, "voices:csv")))
    statement_rows = [row for row in rows if row[0] == "Statement"]
    assert statement_rows[0][4:9] == ["4", "1", "1", "0", "6"]


@pytest.mark.parametrize("size", [6, 60])
def test_the_round_page_takes_the_same_queries_whatever_the_size(
    cycle, lead, size, django_assert_num_queries
):
    rows = tuple(SIX_PEOPLE[n % 6] for n in range(size))
    comments = tuple((f"Comment {n}", "waiting") for n in range(size // 3))
    feedback = feedback_round(cycle, answers=rows, comments=comments)
    client = client_for(lead)
    client.get(round_url(feedback))
    with django_assert_num_queries(13):
        client.get(round_url(feedback))


def test_the_overview_shows_open_rounds_and_offers_the_comments_to_read(cycle, lead, board):
    feedback = feedback_round(cycle, answers=SIX_PEOPLE[:2], comments=TWO_COMMENTS)
    url = reverse("organisations:overview", args=[cycle.organisation.slug])
    page = client_for(lead).get(url).content.decode()
    assert "Feedback rounds" in page and "2 responses so far" in page
    assert "1 comment to read" in page
    membership = lead.memberships.get()
    offered = feedback_section(organisation=cycle.organisation, membership=membership)
    assert offered["next_step"].url == round_url(feedback) + "#comments"
    assert "Feedback rounds" not in client_for(board).get(url).content.decode()

    feedback.comments.update(decision=CommentDecision.LEFT_OUT)
    feedback.closed_on = today()
    feedback.save()
    assert "Feedback rounds" not in client_for(lead).get(url).content.decode()


def test_closing_a_round_shows_on_the_kept_results_page_at_once(organisation, lead, board):
    """The results page is kept (trauma_wales.kept); closing is audited, so the next
    request builds it again with what the round found."""
    cycle = submitted_cycle(organisation, year=2025, score=2)
    feedback = feedback_round(cycle, answers=SIX_PEOPLE)
    url = reverse("assessments:results", args=[organisation.slug, cycle.pk])
    client = client_for(board)
    assert 'id="voices"' not in client.get(url).content.decode()
    assert 'id="voices"' not in client.get(url).content.decode()  # as kept

    feedback_round_close(feedback_round=feedback, actor=lead, expected_version=1)

    assert 'id="voices"' in client.get(url).content.decode()
