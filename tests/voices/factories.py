"""Feedback rounds for tests, made directly (the services are tested on their own)."""

from datetime import timedelta

from django.utils import timezone

from voices.models import (
    Agreement,
    CommentDecision,
    FeedbackAnswer,
    FeedbackComment,
    FeedbackResponse,
    FeedbackRound,
    FeedbackStatement,
)


def statements(framework, audience: str = "people", count: int = 4) -> list[FeedbackStatement]:
    return list(
        FeedbackStatement.objects.filter(framework=framework, audience=audience).order_by("order")[
            :count
        ]
    )


def feedback_round(
    cycle,
    *,
    audience: str = "people",
    statement_count: int = 4,
    answers: tuple[tuple[str, ...], ...] = (),
    comments: tuple[tuple[str, str], ...] = (),
    closed: bool = False,
    created_by=None,
) -> FeedbackRound:
    """A round of `cycle` with one response per row of `answers` (a value per statement,
    "" to skip it) and `comments` as (text, decision); closed yesterday if `closed`."""
    today = timezone.localdate()
    made = FeedbackRound.objects.create(
        cycle=cycle,
        audience=audience,
        closes_on=today + timedelta(days=28),
        closed_on=today - timedelta(days=1) if closed else None,
        max_responses=300,
        support_en="Call 111 and press 2.",
        support_cy="Ffoniwch 111 a phwyswch 2.",
        created_by=created_by,
    )
    asked = statements(
        cycle.framework, "people" if audience == "people" else "staff", statement_count
    )
    made.statements.set(asked)
    for row in answers:
        response = FeedbackResponse.objects.create(round=made, received_on=today, language="en")
        FeedbackAnswer.objects.bulk_create(
            FeedbackAnswer(response=response, statement=statement, value=value)
            for statement, value in zip(asked, row, strict=False)
            if value
        )
    for text, decision in comments:
        FeedbackComment.objects.create(
            round=made, text=text, received_on=today, language="en", decision=decision
        )
    return made


AGREE, NOT_SURE, DISAGREE, PREFER_NOT = (
    Agreement.AGREE,
    Agreement.NOT_SURE,
    Agreement.DISAGREE,
    Agreement.PREFER_NOT,
)
SIX_PEOPLE = (
    (AGREE, DISAGREE, AGREE, NOT_SURE),
    (AGREE, DISAGREE, NOT_SURE, AGREE),
    (AGREE, DISAGREE, AGREE, PREFER_NOT),
    (NOT_SURE, AGREE, AGREE, AGREE),
    (AGREE, DISAGREE, DISAGREE, AGREE),
    (DISAGREE, NOT_SURE, AGREE, ""),
)
TWO_COMMENTS = (
    ("The waiting room is calm.", CommentDecision.INCLUDED),
    ("Letters are hard to read.", CommentDecision.WAITING),
)
