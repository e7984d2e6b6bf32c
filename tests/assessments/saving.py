"""Answer the readiness questions through the service, one theme's page at a time, as the
pages do (the factories write answers directly, without services)."""

from collections.abc import Callable

from assessments.models import ReadinessItem, Response, SectionRevision, readiness_revision_key
from assessments.selectors.questionnaire import readiness_themes
from assessments.services.answers import ReadinessInput, readiness_answers_save


def revision_now(response: Response, theme_code: str) -> int:
    """The revision a page of this theme would be opened at now."""
    return (
        SectionRevision.objects.filter(
            response=response, section=readiness_revision_key(theme_code)
        )
        .values_list("revision", flat=True)
        .first()
        or 0
    )


def readiness_save_all(
    response: Response,
    actor,
    answer: Callable[[ReadinessItem], ReadinessInput] = lambda item: ReadinessInput("yes"),
    base_url: str = "",
) -> None:
    """Save every readiness theme's page with `answer(item)` for each of its items."""
    for theme in readiness_themes(cycle=response.cycle):
        readiness_answers_save(
            response=response,
            theme=theme,
            answers={item.pk: answer(item) for item in theme.active_items},
            expected_revision=revision_now(response, theme.code),
            actor=actor,
            base_url=base_url,
        )


def readiness_save_one(
    response: Response, item: ReadinessItem, given: ReadinessInput, actor, revision=None
):
    """Save one readiness answer on its theme's page (at the current revision unless
    `revision` is given)."""
    return readiness_answers_save(
        response=response,
        theme=item.theme,
        answers={item.pk: given},
        expected_revision=revision_now(response, item.theme.code) if revision is None else revision,
        actor=actor,
    )
