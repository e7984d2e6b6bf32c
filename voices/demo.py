"""The demo's feedback rounds: tenants asked about the service during the baseline (closed,
with figures, two comments included and one left out), and staff asked now (open, with
too few answers yet to show figures).

Answers go through the same service the public form uses, on the days they would have
arrived (trauma_wales.demo_clock); the comments as people might write them, names and
numbers in them masked on the way in.
"""

from datetime import date, timedelta

from assessments.models import AssessmentCycle
from trauma_wales.demo_clock import as_if_on, days_ago
from voices.default_support import SUPPORT_CY, SUPPORT_EN
from voices.models import (
    Agreement,
    Audience,
    CommentDecision,
    FeedbackComment,
    FeedbackRound,
)
from voices.selectors import statements_to_offer
from voices.services import (
    feedback_comment_decide,
    feedback_response_submit,
    feedback_round_close,
    feedback_round_open,
)

A, N, D, P = Agreement.AGREE, Agreement.NOT_SURE, Agreement.DISAGREE, Agreement.PREFER_NOT
# One row per tenant: their answer to each of the round's statements, in order.
TENANT_ANSWERS = (
    (A, A, A, N, D, A, D, A),
    (A, A, N, N, D, A, D, A),
    (A, N, A, D, D, A, N, A),
    (A, A, A, A, N, A, D, N),
    (N, A, A, D, D, N, D, A),
    (A, A, P, N, A, A, D, A),
    (A, A, A, D, D, A, A, N),
    (D, A, A, N, D, A, D, A),
    (A, N, A, A, D, P, D, A),
    (A, A, A, D, N, A, D, A),
    (A, A, N, N, D, A, N, A),
    (A, D, A, D, D, A, D, A),
)
TENANT_COMMENTS = (
    ("The repairs team were kind but I had to tell my story three times to three people.", True),
    (
        "Nobody rang me back about the letter. Ask Sarah Jones at reception, she was the only "
        "one who helped. Call me on 07700 900123.",
        False,
    ),
    ("Mae'r staff yn garedig ond mae'r llythyrau'n codi ofn arna i.", True),
)
ROUND_OPENED_DAYS_AGO = 172
ROUND_CLOSED_DAYS_AGO = 160
STAFF_ROUND_OPENED_DAYS_AGO = 3


def _open(cycle: AssessmentCycle, lead, audience: Audience, closes_on: date, how_many: int):
    statements = list(statements_to_offer(cycle=cycle, statement_set=audience.statement_set))
    return feedback_round_open(
        cycle=cycle,
        audience=audience,
        closes_on=closes_on,
        statements=statements[:how_many],
        max_responses=300,
        support_en=SUPPORT_EN,
        support_cy=SUPPORT_CY,
        actor=lead,
    )


def seed_tenant_round(cycle: AssessmentCycle, lead, today: date) -> None:
    """Tenants asked while the baseline was answered: twelve answers, three comments."""
    opened = days_ago(today, ROUND_OPENED_DAYS_AGO)
    with as_if_on(opened):
        tenants = _open(cycle, lead, Audience.PEOPLE, opened + timedelta(days=14), 8)
    statements = list(tenants.statements.order_by("order"))
    comments = iter(TENANT_COMMENTS)
    for number, answers in enumerate(TENANT_ANSWERS):
        with as_if_on(opened + timedelta(days=1 + number // 2)):
            feedback_response_submit(
                feedback_round=tenants,
                answers={s.pk: value for s, value in zip(statements, answers, strict=True)},
                comment=next(comments)[0] if number % 4 == 0 else "",
                language="cy" if number == 8 else "en",
            )
    with as_if_on(days_ago(today, ROUND_CLOSED_DAYS_AGO)):
        tenants = feedback_round_close(
            feedback_round=tenants, actor=lead, expected_version=tenants.version
        )
        received = FeedbackComment.objects.filter(round=tenants).order_by("pk")
        for comment, (_text, include) in zip(received, TENANT_COMMENTS, strict=True):
            feedback_comment_decide(
                comment=comment,
                decision=CommentDecision.INCLUDED if include else CommentDecision.LEFT_OUT,
                expected_decision=comment.decision,
                actor=lead,
            )


def seed_staff_round(cycle: AssessmentCycle, lead, today: date) -> None:
    """Staff asked this week: open, with too few answers yet for figures to be shown."""
    if FeedbackRound.objects.filter(cycle=cycle, audience=Audience.STAFF).exists():
        return
    staff_opened = days_ago(today, STAFF_ROUND_OPENED_DAYS_AGO)
    with as_if_on(staff_opened):
        staff = _open(cycle, lead, Audience.STAFF, today + timedelta(days=28), 6)
    staff_statements = list(staff.statements.order_by("order"))
    for number in range(3):
        with as_if_on(staff_opened + timedelta(days=number)):
            feedback_response_submit(
                feedback_round=staff,
                answers={s.pk: (A, N, D)[(s.order + number) % 3] for s in staff_statements},
                comment="",
                language="en",
            )
