"""What a question page shows: the questions, the saved answers, the section's revision,
and, on the organisation's own page, the spread of colleagues' views per question and the
notes they wrote."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.http import Http404

from assessments.models import (
    READINESS_SECTION,
    AssessmentCycle,
    Indicator,
    IndicatorAnswer,
    Rating,
    ReadinessAnswer,
    ReadinessItem,
    ReadinessTheme,
    ReadinessValue,
    Response,
    SectionRevision,
    readiness_revision_key,
)
from assessments.policies import ANONYMOUS_VIEWS_MIN
from assessments.selectors.progress import cycle_domains
from framework.content import held_items
from framework.models import Domain
from trauma_wales.read_models import ReadModel


def section_keys(*, cycle: AssessmentCycle) -> list[str]:
    return [READINESS_SECTION, *(d.code for d in cycle_domains(cycle=cycle))]


def next_section(*, cycle: AssessmentCycle, key: str) -> str | None:
    keys = section_keys(cycle=cycle)
    index = keys.index(key)
    return keys[index + 1] if index + 1 < len(keys) else None


def section_revision(*, response: Response, section: str) -> SectionRevision | None:
    return (
        SectionRevision.objects.filter(response=response, section=section)
        .select_related("updated_by")
        .first()
    )


def _spread(rows, label_for) -> dict[int, list[tuple[str, int]]]:
    """{question id: [(answer label, how many people), ...]} most common first."""
    spread: dict[int, list] = defaultdict(list)
    for question_id, key, count in rows:
        spread[question_id].append((label_for(key), count))
    for views in spread.values():
        views.sort(key=lambda view: -view[1])
    return spread


def _rating_label(key):
    score, dont_know, not_applicable = key
    if dont_know:
        return ReadinessValue.DONT_KNOW.label
    return ReadinessValue.NOT_APPLICABLE.label if not_applicable else Rating(score).label


@dataclass(frozen=True)
class ColleagueRatings:
    """Colleagues' answers per indicator, counted once: the spread people read, and the
    gap between the lowest and highest rating given (for "where views differ most")."""

    spread: dict[int, list[tuple[str, int]]]
    widths: dict[int, int]


def contributor_indicator_ratings(
    *, cycle: AssessmentCycle, domain: Domain | None = None
) -> ColleagueRatings:
    """Contributors' answers per indicator, in one query."""
    rows = IndicatorAnswer.objects.filter(
        response__cycle=cycle, response__contributor__isnull=False
    ).filter(IndicatorAnswer.answered_condition())
    if domain is not None:
        rows = rows.filter(indicator__domain=domain)
    counted = list(
        rows.values_list("indicator_id", "score", "dont_know", "not_applicable").annotate(
            n=Count("id")
        )
    )
    scores: dict[int, list[int]] = defaultdict(list)
    for indicator_id, score, *_rest in counted:
        if score is not None:
            scores[indicator_id].append(score)
    return ColleagueRatings(
        spread=_spread(((row[0], row[1:4], row[4]) for row in counted), _rating_label),
        widths={question: max(given) - min(given) for question, given in scores.items()},
    )


def contributor_indicator_spread(
    *, cycle: AssessmentCycle, domain: Domain | None = None
) -> dict[int, list[tuple[str, int]]]:
    """Contributors' ratings per indicator (one query): {indicator id: [(label, count)]}."""
    return contributor_indicator_ratings(cycle=cycle, domain=domain).spread


@dataclass(frozen=True)
class ColleagueNote(ReadModel):
    """What a colleague asked for their views wrote about one question."""

    name: str
    text: str


def _colleague_notes(answers, text_field: str, question_field: str) -> dict[int, list]:
    """{question id: [ColleagueNote, ...]} in the order of the colleagues' names (one
    query): the notes colleagues gave with their views, for the lead agreeing the answer."""
    rows = (
        answers.filter(response__contributor__isnull=False)
        .exclude(**{text_field: ""})
        .select_related("response__contributor")
        .order_by("response__contributor__full_name", "pk")
    )
    notes: dict[int, list] = defaultdict(list)
    for row in rows:
        notes[getattr(row, question_field)].append(
            ColleagueNote(name=row.response.contributor.shown_name, text=getattr(row, text_field))
        )
    return dict(notes)


@dataclass(frozen=True)
class ShownViews(ReadModel):
    """What a lead may see of colleagues' views, per question id."""

    spread: dict[int, list[tuple[str, int]]]
    notes: dict[int, list[ColleagueNote]]
    held_back: frozenset[int]  # questions with views not shown yet, to keep them anonymous


def views_to_show(cycle: AssessmentCycle, spread: dict, notes: dict) -> ShownViews:
    """Named views are shown as they are. Anonymous views (the default) of a question are
    shown only once ANONYMOUS_VIEWS_MIN colleagues have answered it, and its notes without
    names, in an order that does not follow anyone's name."""
    if cycle.views_named:
        return ShownViews(spread=spread, notes=notes, held_back=frozenset())
    shown_spread, shown_notes, held_back = {}, {}, set()
    for question in spread.keys() | notes.keys():
        answered = sum(count for _label, count in spread.get(question, []))
        if answered < ANONYMOUS_VIEWS_MIN:
            held_back.add(question)
            continue
        shown_spread[question] = spread[question]
        if question in notes:
            texts = sorted(note.text for note in notes[question])
            shown_notes[question] = [ColleagueNote(name="", text=text) for text in texts]
    return ShownViews(spread=shown_spread, notes=shown_notes, held_back=frozenset(held_back))


@dataclass(frozen=True)
class QuestionPage(ReadModel):
    """A page of questions (one readiness theme's items, or one domain area's indicators) with the
    response's answers, the section's revision and, for the organisation, the spread of
    contributors' answers per question."""

    questions: list
    answers: dict
    revision: SectionRevision | None
    spread: dict[int, list[tuple[str, int]]]
    colleague_notes: dict[int, list[ColleagueNote]] = field(default_factory=dict)
    views_held_back: frozenset[int] = frozenset()
    theme: ReadinessTheme | None = None
    theme_number: int = 0
    theme_total: int = 0
    next_theme: str = ""
    domain: Domain | None = None
    domain_total: int = 0


def domain_page(*, cycle: AssessmentCycle, response: Response, code: str) -> QuestionPage:
    domains = held_items(Domain, cycle.framework)
    domain = next((each for each in domains if each.code == code), None)
    if domain is None:
        raise Http404("No such domain in this assessment")
    indicators = list(
        Indicator.objects.filter(domain=domain, is_active=True)
        .prefetch_related("principles")
        .order_by("order")
    )
    answers = {
        a.indicator_id: a
        for a in IndicatorAnswer.objects.filter(response=response, indicator__domain=domain)
    }
    shown = ShownViews(spread={}, notes={}, held_back=frozenset())
    if response.is_organisation:
        notes = _colleague_notes(
            IndicatorAnswer.objects.filter(response__cycle=cycle, indicator__domain=domain),
            "evidence",
            "indicator_id",
        )
        shown = views_to_show(
            cycle, contributor_indicator_spread(cycle=cycle, domain=domain), notes
        )
    return QuestionPage(
        domain=domain,
        domain_total=len(domains),
        questions=indicators,
        answers=answers,
        revision=section_revision(response=response, section=domain.code),
        spread=shown.spread,
        colleague_notes=shown.notes,
        views_held_back=shown.held_back,
    )


def readiness_themes(*, cycle: AssessmentCycle) -> list[ReadinessTheme]:
    """The cycle's readiness themes, each with `active_items` in order (two queries)."""
    active_items = Prefetch(
        "items",
        queryset=ReadinessItem.objects.filter(is_active=True).order_by("order"),
        to_attr="active_items",
    )
    return list(
        ReadinessTheme.objects.filter(framework_id=cycle.framework_id, is_active=True)
        .prefetch_related(active_items)
        .order_by("order")
    )


def readiness_page(*, cycle: AssessmentCycle, response: Response, code: str) -> QuestionPage:
    """One readiness theme's page (404 for a theme not in the cycle's framework)."""
    themes = readiness_themes(cycle=cycle)
    theme = next((each for each in themes if each.code == code), None)
    if theme is None:
        raise Http404("No such readiness theme in this assessment")
    number = themes.index(theme) + 1
    items = theme.active_items
    answers = {
        a.item_id: a for a in ReadinessAnswer.objects.filter(response=response, item__in=items)
    }
    shown = ShownViews(spread={}, notes={}, held_back=frozenset())
    if response.is_organisation:
        on_page = ReadinessAnswer.objects.filter(response__cycle=cycle, item__in=items)
        rows = (
            on_page.filter(response__contributor__isnull=False)
            .exclude(value="")
            .values_list("item_id", "value")
            .annotate(n=Count("id"))
        )
        shown = views_to_show(
            cycle,
            _spread(rows, lambda value: ReadinessValue(value).label),
            _colleague_notes(on_page, "note", "item_id"),
        )
    return QuestionPage(
        theme=theme,
        theme_number=number,
        theme_total=len(themes),
        next_theme=themes[number].code if number < len(themes) else "",
        questions=list(items),
        answers=answers,
        revision=section_revision(response=response, section=readiness_revision_key(code)),
        spread=shown.spread,
        colleague_notes=shown.notes,
        views_held_back=shown.held_back,
    )


def first_readiness_theme(*, cycle: AssessmentCycle) -> str | None:
    """The code of the readiness page the questionnaire starts on."""
    return (
        ReadinessTheme.objects.filter(framework_id=cycle.framework_id, is_active=True)
        .order_by("order")
        .values_list("code", flat=True)
        .first()
    )
