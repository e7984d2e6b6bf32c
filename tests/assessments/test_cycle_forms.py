"""Every assessment cycle form: bad input comes back as a GOV.UK error page and saves
nothing; a stale question page keeps both people's answers; good input saves and moves on.
"""

import re
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.html import escape

from assessments.content_loader import content_files, framework_content_load
from assessments.models import (
    AssessmentCycle,
    CycleContributor,
    CycleStatus,
    CycleStatusChange,
    DomainTarget,
    Indicator,
    IndicatorAnswer,
    Rating,
    ReadinessAnswer,
    ReadinessItem,
    Response,
    SectionRevision,
    readiness_revision_key,
)
from assessments.selectors.cycles import organisation_response_for
from assessments.selectors.questionnaire import readiness_themes
from assessments.services.answers import (
    IndicatorInput,
    domain_answers_save,
)
from assessments.services.cycles import (
    contributor_invite,
    cycle_start,
    cycle_submit,
)
from framework.models import Domain
from organisations.models import Membership
from tests.accounts.factories import UserFactory
from tests.assessments.saving import readiness_save_all
from tests.conftest import client_for
from tests.organisations.factories import MembershipFactory
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db

SECTION_ORDER = [
    "readiness", "leadership", "policy", "workforce", "environment", "involvement", "evaluation",
]  # fmt: skip


# --- building cycles --------------------------------------------------------------------------


def start_cycle(organisation, actor, name="2026 baseline"):
    return cycle_start(
        organisation=organisation,
        actor=actor,
        name=name,
        period_start=date(2026, 4, 1),
        period_end=date(2027, 3, 31),
    )


def indicators(cycle, code):
    return list(
        Indicator.objects.filter(
            framework=cycle.framework, domain__code=code, is_active=True
        ).order_by("order")
    )


def readiness_items(cycle):
    return list(
        ReadinessItem.objects.filter(framework=cycle.framework, is_active=True).order_by(
            "theme__order", "order"
        )
    )


def theme_codes(cycle):
    return [theme.code for theme in readiness_themes(cycle=cycle)]


def theme_items(cycle, number=0):
    return list(readiness_themes(cycle=cycle)[number].active_items)


def readiness_url(cycle, number=0):
    return url("readiness_theme", cycle, theme_codes(cycle)[number])


def answer_readiness(cycle, actor):
    readiness_save_all(organisation_response_for(cycle=cycle), actor)


def answer_domains(cycle, actor, score=3):
    response = organisation_response_for(cycle=cycle)
    for domain in Domain.objects.filter(framework=cycle.framework, is_active=True):
        domain_answers_save(
            response=response,
            domain=domain,
            answers={i.pk: IndicatorInput(score=score) for i in indicators(cycle, domain.code)},
            expected_revision=0,
            actor=actor,
        )


def submitted_cycle(organisation, actor):
    cycle = start_cycle(organisation, actor)
    answer_readiness(cycle, actor)
    answer_domains(cycle, actor)
    cycle_submit(cycle=cycle, actor=actor)
    cycle.refresh_from_db()
    return cycle


def domain_post(cycle, code, rating="3", revision="0", button="save_continue", **extra):
    data = {"revision": revision, button: ""}
    data.update({f"q{i.pk}-rating": rating for i in indicators(cycle, code)})
    data.update(extra)
    return data


def readiness_post(cycle, value="yes", revision="0", button="save_continue", theme=0, **extra):
    """A post of one readiness theme's page (the first unless `theme` says)."""
    data = {"revision": revision, button: ""}
    data.update({f"q{item.pk}-value": value for item in theme_items(cycle, theme)})
    data.update(extra)
    return data


def url(name, cycle, *extra):
    return reverse(f"assessments:{name}", args=[cycle.organisation.slug, cycle.pk, *extra])


def answers_snapshot():
    return {
        "indicator": sorted(
            IndicatorAnswer.objects.values_list("pk", "score", "dont_know", "evidence", "priority")
        ),
        "readiness": sorted(ReadinessAnswer.objects.values_list("pk", "value", "note")),
        "revisions": sorted(SectionRevision.objects.values_list("pk", "revision")),
    }


# --- reading pages ----------------------------------------------------------------------------


def _title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert match, "page has no <title>"
    return unescape(" ".join(match.group(1).split()))


def _error_summary(response) -> str:
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', response.content.decode(), re.S)
    assert match, "page has no error summary list"
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split()))


def assert_error_page(response, message):
    """A GOV.UK error page: 200, error summary, "Error:" title, the message in the summary."""
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert _title(response).startswith("Error:"), _title(response)
    assert escape(str(message)) in content
    assert " ".join(str(message).split()) in _error_summary(response)


class _Inputs(HTMLParser):
    """Form controls on a page: inputs by name, and textarea contents by name."""

    def __init__(self):
        super().__init__()
        self.inputs: list[dict] = []
        self.textareas: dict[str, str] = {}
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input":
            self.inputs.append(attributes)
        elif tag == "textarea":
            self._textarea = attributes.get("name")
            self.textareas[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.textareas[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def _controls(response) -> _Inputs:
    parser = _Inputs()
    parser.feed(response.content.decode())
    return parser


def checked(response, name) -> list[str]:
    return [
        i.get("value", "on")
        for i in _controls(response).inputs
        if i.get("name") == name and "checked" in i
    ]


def hidden_revision(response) -> str:
    return next(i["value"] for i in _controls(response).inputs if i.get("name") == "revision")


def section_status(response, key) -> str:
    match = re.search(rf'id="section-{key}-status">(.*?)</div>', response.content.decode(), re.S)
    assert match, f"no status for section {key}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def _messages(response, level) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == level]


# --- start a cycle ----------------------------------------------------------------------------

START_URL = "assessments:start"
GOOD_START = {
    "name": "2026 baseline",
    "period_start_0": "1",
    "period_start_1": "4",
    "period_start_2": "2026",
    "period_end_0": "31",
    "period_end_1": "3",
    "period_end_2": "2027",
}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (dict.fromkeys(GOOD_START, ""), "name", "Enter a name for this assessment"),
        ({"name": "x" * 121}, "name", "The name must be 120 characters or fewer"),
        (
            {"period_start_0": "31", "period_start_1": "2"},
            "period_start",
            "The start of the period must be a real date",
        ),
        ({"period_start_2": "20x6"}, "period_start", "The start of the period must be a real date"),
        ({"period_end_2": "twenty"}, "period_end", "The end of the period must be a real date"),
        ({"period_start_2": "1800"}, "period_start", "The start of the period must be a real date"),
        (
            {"period_end_0": "31", "period_end_1": "3", "period_end_2": "2026"},
            "period_end",
            "The end of the period must be the same as or after the start",
        ),
    ],
    ids=["empty", "name too long", "31 february", "letters in year", "word for year",
         "year 1800", "end before start"],
)  # fmt: skip
def test_start_form_refuses_bad_input_and_saves_nothing(
    organisation, lead_client, change, field, message
):
    response = lead_client.post(reverse(START_URL, args=[organisation.slug]), GOOD_START | change)

    assert_error_page(response, message)
    assert message in [str(e) for e in response.context["form"].errors[field]]
    assert not AssessmentCycle.objects.exists()
    assert not Response.objects.exists()


def test_empty_start_form_names_every_missing_answer(organisation, lead_client):
    response = lead_client.post(
        reverse(START_URL, args=[organisation.slug]), dict.fromkeys(GOOD_START, "")
    )

    summary = _error_summary(response)
    assert "Enter a name for this assessment" in summary
    assert "Enter the start of the period" in summary
    assert "Enter the end of the period" in summary


def test_starting_while_a_cycle_is_in_progress_is_refused(organisation, lead, lead_client):
    existing = start_cycle(organisation, lead)

    response = lead_client.post(
        reverse(START_URL, args=[organisation.slug]), GOOD_START | {"name": "Second go"}
    )

    assert_error_page(
        response, "Your organisation already has an assessment in progress. Finish and submit"
    )
    assert list(AssessmentCycle.objects.values_list("pk", flat=True)) == [existing.pk]
    assert Response.objects.count() == 1


def test_a_good_start_creates_the_cycle_and_opens_its_hub(organisation, lead_client):
    response = lead_client.post(reverse(START_URL, args=[organisation.slug]), GOOD_START)

    cycle = AssessmentCycle.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("hub", cycle)
    assert (cycle.name, cycle.period_start, cycle.period_end) == (
        "2026 baseline",
        date(2026, 4, 1),
        date(2027, 3, 31),
    )


# --- the domain page --------------------------------------------------------------------------

FOREIGN_QUESTION = "This page has changed since it was opened. Nothing was saved"


@pytest.fixture
def cycle(organisation, lead):
    return start_cycle(organisation, lead)


@pytest.mark.parametrize(
    ("rating", "message"),
    [("7", "Select a rating from the list"), ("banana", "Select a rating from the list")],
)
def test_domain_page_refuses_an_unknown_rating(cycle, lead_client, rating, message):
    first = indicators(cycle, "policy")[0]
    data = domain_post(cycle, "policy", **{f"q{first.pk}-rating": rating})

    response = lead_client.post(url("domain", cycle, "policy"), data)

    assert_error_page(response, message)
    assert message in [str(e) for e in response.context["form"].errors[f"q{first.pk}-rating"]]
    assert answers_snapshot() == {"indicator": [], "readiness": [], "revisions": []}


def test_domain_page_refuses_evidence_over_2000_characters(cycle, lead_client):
    first = indicators(cycle, "policy")[0]
    data = domain_post(cycle, "policy", **{f"q{first.pk}-evidence": "e" * 2001})

    response = lead_client.post(url("domain", cycle, "policy"), data)

    assert_error_page(response, "Notes must be 2000 characters or fewer")
    assert answers_snapshot() == {"indicator": [], "readiness": [], "revisions": []}


def test_domain_page_accepts_evidence_of_exactly_2000_characters(cycle, lead_client):
    first = indicators(cycle, "policy")[0]
    data = domain_post(cycle, "policy", **{f"q{first.pk}-evidence": "e" * 2000})

    assert lead_client.post(url("domain", cycle, "policy"), data).status_code == 302
    assert len(IndicatorAnswer.objects.get(indicator=first).evidence) == 2000


def test_domain_page_refuses_an_indicator_of_another_domain(cycle, lead_client):
    intruder = indicators(cycle, "leadership")[0]
    data = domain_post(cycle, "policy", **{f"q{intruder.pk}-rating": "4"})

    response = lead_client.post(url("domain", cycle, "policy"), data)

    assert_error_page(response, FOREIGN_QUESTION)
    assert answers_snapshot() == {"indicator": [], "readiness": [], "revisions": []}


def _load_new_version(tmp_path: Path):
    """Load a copy of the content file as framework version tiw-2027-v2 (now current)."""
    shipped = content_files()[0]
    data = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    data["version"]["code"] = "tiw-2027-v2"
    data["version"]["published"] = "2027-04-01"
    path = tmp_path / shipped.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    framework_content_load(path=path)


def test_domain_page_refuses_an_indicator_of_another_framework_version(
    cycle, lead_client, tmp_path
):
    _load_new_version(tmp_path)
    intruder = Indicator.objects.get(
        framework__code="tiw-2027-v2", code=indicators(cycle, "policy")[0].code
    )
    assert intruder.framework_id != cycle.framework_id
    data = domain_post(cycle, "policy", **{f"q{intruder.pk}-rating": "4"})

    response = lead_client.post(url("domain", cycle, "policy"), data)

    assert_error_page(response, FOREIGN_QUESTION)
    assert answers_snapshot() == {"indicator": [], "readiness": [], "revisions": []}


def _post_revision(cycle, lead_client, revision):
    data = domain_post(cycle, "policy")
    if revision is None:
        del data["revision"]
    else:
        data["revision"] = revision
    return lead_client.post(url("domain", cycle, "policy"), data)


@pytest.mark.parametrize("revision", [None, "-1", "abc"], ids=["missing", "negative", "letters"])
def test_domain_page_refuses_a_missing_or_negative_revision(cycle, lead_client, revision):
    response = _post_revision(cycle, lead_client, revision)

    assert response.status_code == 200
    assert _title(response).startswith("Error:")
    summary = _error_summary(response)
    assert summary.startswith("There is a problem")
    assert summary.removeprefix("There is a problem").strip(), "the error summary is empty"
    assert answers_snapshot() == {"indicator": [], "readiness": [], "revisions": []}


@pytest.mark.parametrize("revision", [None, "-1"], ids=["missing", "negative"])
def test_domain_page_explains_a_missing_or_negative_revision(cycle, lead_client, revision):
    response = _post_revision(cycle, lead_client, revision)

    summary = _error_summary(response)
    content = response.content.decode()
    assert "This field is required" not in summary
    assert "Ensure this value" not in summary
    for anchor in re.findall(r"govuk-error-summary__list.*?</ul>", content, re.S):
        for target in re.findall(r'href="#([^"]+)"', anchor):
            assert f'id="{target}"' in content, f"the summary links to #{target}, not on the page"


@pytest.mark.parametrize("page", ["readiness", "domain"])
def test_question_page_title_says_error_once(cycle, lead_client, page):
    if page == "domain":
        first = indicators(cycle, "policy")[0]
        response = lead_client.post(
            url("domain", cycle, "policy"),
            domain_post(cycle, "policy", **{f"q{first.pk}-rating": "7"}),
        )
    else:
        response = lead_client.post(readiness_url(cycle), readiness_post(cycle, "maybe"))

    assert _title(response).startswith("Error:")
    assert not _title(response).startswith("Error: Error:"), _title(response)


# --- the readiness page -----------------------------------------------------------------------


def test_readiness_page_refuses_an_unknown_value(cycle, lead_client):
    response = lead_client.post(readiness_url(cycle), readiness_post(cycle, "maybe"))

    assert_error_page(response, "Select an answer from the list")
    assert answers_snapshot() == {"indicator": [], "readiness": [], "revisions": []}


def test_readiness_page_refuses_a_note_over_2000_characters(cycle, lead_client):
    first = readiness_items(cycle)[0]
    data = readiness_post(cycle, **{f"q{first.pk}-note": "n" * 2001})

    response = lead_client.post(readiness_url(cycle), data)

    assert_error_page(response, "Notes must be 2000 characters or fewer")
    assert answers_snapshot() == {"indicator": [], "readiness": [], "revisions": []}


def test_the_error_summary_says_which_of_the_questions_is_at_fault(cycle, lead_client):
    """A page has several questions: "Notes must be ..." alone does not say where."""
    page = readiness_url(cycle, 1)
    page_order = lead_client.get(page).context["form"].questions
    third = page_order[2]
    data = readiness_post(cycle, theme=1, **{f"q{third.pk}-note": "n" * 2001})

    response = lead_client.post(page, data)

    summary = response.content.decode().split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert f'href="#id_q{third.pk}-note">Question 3: Notes must be 2000 characters' in summary


@pytest.mark.parametrize("intruder", ["retired", "unknown", "other version"])
def test_readiness_page_refuses_a_tampered_item_id(cycle, lead_client, tmp_path, intruder):
    if intruder == "retired":
        retired = readiness_items(cycle)[-1]
        ReadinessItem.objects.filter(pk=retired.pk).update(is_active=False)
        item_id = retired.pk
    elif intruder == "unknown":
        item_id = ReadinessItem.objects.order_by("-pk").first().pk + 1000
    else:
        _load_new_version(tmp_path)
        item_id = ReadinessItem.objects.filter(framework__code="tiw-2027-v2").first().pk
    data = readiness_post(cycle, **{f"q{item_id}-value": "yes"})

    response = lead_client.post(readiness_url(cycle), data)

    assert_error_page(response, FOREIGN_QUESTION)
    assert answers_snapshot() == {"indicator": [], "readiness": [], "revisions": []}


# --- two leads on one page --------------------------------------------------------------------


def test_stale_domain_page_keeps_the_other_leads_answers_and_shows_yours(
    organisation, cycle, lead_client
):
    other_lead = UserFactory(full_name="Ffion Evans")
    MembershipFactory(organisation=organisation, user=other_lead, role=Role.LEAD)
    questions = indicators(cycle, "policy")
    page = url("domain", cycle, "policy")

    opened = lead_client.get(page)
    assert hidden_revision(opened) == "0"
    their_save = client_for(other_lead).post(
        page,
        domain_post(cycle, "policy", rating="4", **{f"q{questions[0].pk}-evidence": "Ffion's"}),
    )
    assert their_save.status_code == 302

    mine = domain_post(
        cycle, "policy", rating="1", **{f"q{questions[0].pk}-evidence": "Our staff handbook"}
    )
    response = lead_client.post(page, mine)

    assert response.status_code == 200
    content = response.content.decode()
    assert "saved this page after you opened it" in content
    assert "Ffion Evans saved this page after you opened it" in content
    assert _title(response).startswith("Error:")
    for question in questions:
        assert checked(response, f"q{question.pk}-rating") == ["4"]
    assert _controls(response).textareas[f"q{questions[0].pk}-evidence"].strip() == "Ffion's"
    assert hidden_revision(response) == "1"
    unsaved = re.findall(r"What you entered \(not saved\):\s*(.*?)</strong>", content, re.S)
    assert len(unsaved) == len(questions)
    assert all(re.match(r"\s*1\b", text) for text in unsaved), unsaved
    assert "Our staff handbook" in unsaved[0]

    answers = IndicatorAnswer.objects.filter(indicator__in=questions)
    assert answers.count() == len(questions)
    assert set(answers.values_list("score", "updated_by")) == {(4, other_lead.pk)}
    assert answers.get(indicator=questions[0]).evidence == "Ffion's"
    assert not IndicatorAnswer.objects.filter(evidence="Our staff handbook").exists()
    assert SectionRevision.objects.get(section="policy").revision == 1


def _stale_readiness(organisation, cycle, lead_client):
    """Another lead saves readiness after this lead opened it; this lead then posts."""
    other_lead = MembershipFactory(organisation=organisation, role=Role.LEAD).user
    page = readiness_url(cycle)
    assert hidden_revision(lead_client.get(page)) == "0"
    assert client_for(other_lead).post(page, readiness_post(cycle, "yes")).status_code == 302
    return other_lead, lead_client.post(page, readiness_post(cycle, "not_yet"))


def test_stale_readiness_page_keeps_the_other_leads_answers(organisation, cycle, lead_client):
    other_lead, response = _stale_readiness(organisation, cycle, lead_client)

    assert response.status_code == 200
    assert "saved this page after you opened it" in response.content.decode()
    for item in theme_items(cycle):
        assert checked(response, f"q{item.pk}-value") == ["yes"]
    assert set(ReadinessAnswer.objects.values_list("value", "updated_by")) == {
        ("yes", other_lead.pk)
    }
    [revision] = SectionRevision.objects.all()
    assert (revision.section, revision.revision) == (
        readiness_revision_key(theme_codes(cycle)[0]),
        1,
    )


def test_stale_readiness_page_shows_what_you_entered_in_words(organisation, cycle, lead_client):
    _other_lead, response = _stale_readiness(organisation, cycle, lead_client)

    unsaved = re.findall(
        r"What you entered \(not saved\):\s*(.*?)</strong>", response.content.decode(), re.S
    )
    assert len(unsaved) == len(theme_items(cycle))
    assert all(text.strip().startswith("Not yet") for text in unsaved), unsaved[0]


def test_stale_page_can_be_saved_once_the_newer_answers_are_seen(organisation, cycle, lead_client):
    other_lead = MembershipFactory(organisation=organisation, role=Role.LEAD).user
    page = url("domain", cycle, "policy")
    client_for(other_lead).post(page, domain_post(cycle, "policy", rating="4"))
    stale = lead_client.post(page, domain_post(cycle, "policy", rating="1"))

    again = lead_client.post(
        page, domain_post(cycle, "policy", rating="1", revision=hidden_revision(stale))
    )

    assert again.status_code == 302
    assert set(IndicatorAnswer.objects.values_list("score", flat=True)) == {1}


# --- saving and moving on ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "following"), list(zip(SECTION_ORDER, [*SECTION_ORDER[1:], "check"], strict=True))
)
def test_save_and_continue_goes_to_the_next_section(cycle, lead_client, section, following):
    if section == "readiness":
        last = len(theme_codes(cycle)) - 1
        response = lead_client.post(readiness_url(cycle, last), readiness_post(cycle, theme=last))
    else:
        response = lead_client.post(url("domain", cycle, section), domain_post(cycle, section))

    assert response.status_code == 302
    expected = url("check", cycle) if following == "check" else url("domain", cycle, following)
    assert response["Location"] == expected


def test_each_readiness_theme_goes_on_to_the_next(cycle, lead_client):
    codes = theme_codes(cycle)
    assert len(codes) == 6
    for number in range(len(codes) - 1):
        response = lead_client.post(
            readiness_url(cycle, number), readiness_post(cycle, theme=number)
        )
        assert response["Location"] == readiness_url(cycle, number + 1)


def test_the_readiness_questions_start_at_the_first_theme(cycle, lead_client):
    response = lead_client.get(url("readiness", cycle) + "?from=check")

    assert response["Location"] == readiness_url(cycle) + "?from=check"
    page = lead_client.get(readiness_url(cycle, 1)).content.decode()
    assert "Readiness, part 2 of 6" in page
    assert len(re.findall(r'name="q\d+-value"', page)) == 3 * 5  # 3 questions, 5 answers


def test_a_theme_not_in_the_assessment_is_not_found(cycle, lead_client):
    assert lead_client.get(url("readiness_theme", cycle, "no-such-theme")).status_code == 404


def test_contributor_goes_back_to_the_hub_after_the_last_section(
    organisation, cycle, lead, contributor
):
    membership = Membership.objects.get(user=contributor, organisation=organisation)
    contributor_invite(cycle=cycle, membership=membership, actor=lead)

    response = client_for(contributor).post(
        url("domain", cycle, "evaluation"), domain_post(cycle, "evaluation")
    )

    assert response.status_code == 302
    assert response["Location"] == url("hub", cycle)


@pytest.mark.parametrize("section", ["readiness", "policy"])
def test_save_and_come_back_later_returns_to_the_hub_in_progress(cycle, lead_client, section):
    assert section_status(lead_client.get(url("hub", cycle)), section) == "Not started"
    if section == "readiness":
        first = readiness_items(cycle)[0]
        data = {"revision": "0", "save_later": "", f"q{first.pk}-value": "partly"}
        page = readiness_url(cycle)
    else:
        first = indicators(cycle, "policy")[0]
        data = {"revision": "0", "save_later": "", f"q{first.pk}-rating": "2"}
        page = url("domain", cycle, section)

    response = lead_client.post(page, data)

    assert response.status_code == 302
    assert response["Location"] == url("hub", cycle)
    assert _messages(response, "success") == [
        "Your answers have been saved. You can come back at any time."
    ]
    hub = lead_client.get(response["Location"])
    assert section_status(hub, section) == "In progress"
    assert section_status(hub, "workforce") == "Not started"


def test_leaving_and_returning_shows_the_saved_domain_answers(cycle, lead_client):
    questions = indicators(cycle, "policy")
    data = {"revision": "0", "save_later": ""}
    ratings = ["0", "1", "2", "3", "4", "dont_know"]
    for question, rating in zip(questions, ratings * 3, strict=False):
        data[f"q{question.pk}-rating"] = rating
    data[f"q{questions[1].pk}-evidence"] = "Minutes of the March board meeting"
    data[f"q{questions[2].pk}-priority"] = "on"
    lead_client.post(url("domain", cycle, "policy"), data)
    lead_client.get(url("hub", cycle))

    page = lead_client.get(url("domain", cycle, "policy"))

    for question, rating in zip(questions, ratings * 3, strict=False):
        assert checked(page, f"q{question.pk}-rating") == [rating]
    textareas = _controls(page).textareas
    assert textareas[f"q{questions[1].pk}-evidence"].strip() == (
        "Minutes of the March board meeting"
    )
    assert checked(page, f"q{questions[2].pk}-priority") == ["on"]
    assert checked(page, f"q{questions[0].pk}-priority") == []
    assert hidden_revision(page) == "1"


def test_leaving_and_returning_shows_the_saved_readiness_answers(cycle, lead_client):
    items = theme_items(cycle)
    values = ["yes", "partly", "not_yet", "dont_know"]
    data = {"revision": "0", "save_later": ""}
    for item, value in zip(items, values * 5, strict=False):
        data[f"q{item.pk}-value"] = value
    data[f"q{items[0].pk}-note"] = "Asked at the staff forum"
    lead_client.post(readiness_url(cycle), data)

    page = lead_client.get(readiness_url(cycle))

    for item, value in zip(items, values * 5, strict=False):
        assert checked(page, f"q{item.pk}-value") == [value]
    assert _controls(page).textareas[f"q{items[0].pk}-note"].strip() == ("Asked at the staff forum")


# --- reopening --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Enter the reason for reopening the assessment"),
        ("   ", "Enter the reason for reopening the assessment"),
        ("r" * 1001, "The reason must be 1000 characters or fewer"),
    ],
    ids=["empty", "spaces", "too long"],
)
def test_reopen_refuses_a_bad_reason(organisation, lead, lead_client, reason, message):
    cycle = submitted_cycle(organisation, lead)
    history = CycleStatusChange.objects.count()

    response = lead_client.post(url("reopen", cycle), {"reason": reason})

    assert_error_page(response, message)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.SUBMITTED
    assert CycleStatusChange.objects.count() == history


def test_a_good_reason_reopens_and_shows_in_the_history(organisation, lead, lead_client):
    cycle = submitted_cycle(organisation, lead)
    reason = "The board asked us to look again at policy."

    response = lead_client.post(url("reopen", cycle), {"reason": reason})

    assert response.status_code == 302
    assert response["Location"] == url("hub", cycle)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.IN_PROGRESS
    assert cycle.submitted_at is None
    change = cycle.history.last()
    assert (change.from_status, change.to_status, change.reason, change.actor) == (
        CycleStatus.SUBMITTED,
        CycleStatus.IN_PROGRESS,
        reason,
        lead,
    )
    hub = lead_client.get(response["Location"]).content.decode()
    assert escape(f"reopened by {lead}") in hub
    assert escape(f"reason: {reason}") in hub


# --- inviting contributors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("lead", "Select a member from the list"),
        ("other organisation", "Select a member from the list"),
        ("abc", "Select a member from the list"),
        ("", "Select a member to invite"),
    ],
)
def test_contributors_page_refuses_a_bad_member(
    organisation, other_organisation, cycle, lead, lead_client, contributor, reviewer, who,
    message,
):  # fmt: skip
    member = {
        "lead": lambda: Membership.objects.get(user=lead).pk,
        "other organisation": lambda: (
            MembershipFactory(organisation=other_organisation, role=Role.CONTRIBUTOR).pk
        ),
    }.get(who, lambda: who)()
    responses = Response.objects.count()

    response = lead_client.post(url("contributors", cycle), {"member": str(member)})

    assert_error_page(response, message)
    assert not CycleContributor.objects.exists()
    assert Response.objects.count() == responses


def test_a_good_invite_creates_the_contributor(organisation, cycle, lead_client, contributor):
    membership = Membership.objects.get(user=contributor, organisation=organisation)

    response = lead_client.post(url("contributors", cycle), {"member": str(membership.pk)})

    assert response.status_code == 302
    assert response["Location"] == url("contributors", cycle)
    invited = CycleContributor.objects.get()
    assert (invited.cycle, invited.user) == (cycle, contributor)
    assert Response.objects.filter(cycle=cycle, contributor=contributor).exists()
    page = lead_client.get(response["Location"]).content.decode()
    assert escape(contributor.full_name) in page


def test_inviting_the_same_contributor_twice_is_refused(
    organisation, cycle, lead, lead_client, contributor
):
    membership = Membership.objects.get(user=contributor, organisation=organisation)
    contributor_invite(cycle=cycle, membership=membership, actor=lead)
    MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR)  # keeps the form shown

    response = lead_client.post(url("contributors", cycle), {"member": str(membership.pk)})

    assert_error_page(response, "Select a member from the list")
    assert CycleContributor.objects.count() == 1


# --- targets ----------------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["9", "x", "-1", "5"])
def test_targets_page_refuses_an_unknown_level(cycle, lead_client, level):
    domains = list(Domain.objects.filter(framework=cycle.framework).order_by("order"))
    data = {f"domain-{d.pk}": "2" for d in domains} | {f"domain-{domains[0].pk}": level}

    response = lead_client.post(url("targets", cycle), data)

    assert_error_page(response, "Select a target level from the list")
    assert not DomainTarget.objects.exists()


def test_good_targets_save_and_show_on_the_results_page(cycle, lead, lead_client):
    answer_domains(cycle, lead, score=2)
    domains = list(Domain.objects.filter(framework=cycle.framework).order_by("order"))
    levels = dict(zip([d.pk for d in domains], ["4", "3", "", "2", "1", "0"], strict=True))

    response = lead_client.post(
        url("targets", cycle),
        {f"domain-{pk}": level for pk, level in levels.items()} | {"version": cycle.version},
    )

    assert response.status_code == 302
    assert response["Location"] == url("results", cycle)
    saved = dict(DomainTarget.objects.filter(cycle=cycle).values_list("domain_id", "level"))
    assert saved == {pk: int(level) for pk, level in levels.items() if level}
    results = lead_client.get(response["Location"]).content.decode()
    rows = re.findall(
        r'<th scope="row" class="govuk-table__header">([^<]*)</th>\s*'
        r'<td class="govuk-table__cell">[^<]*</td>\s*<td class="govuk-table__cell">([^<]*)</td>',
        results,
    )
    shown = {unescape(name.strip()): value.strip() for name, value in rows}
    for domain in domains:
        level = levels[domain.pk]
        expected = f"{level} {Rating(int(level)).label} on average" if level else "Not set"
        assert shown[domain.name_en] == expected, shown
    assert _title(lead_client.get(url("targets", cycle))).startswith("Target levels")


# --- check and submit -------------------------------------------------------------------------


def test_submitting_an_incomplete_cycle_lists_what_is_still_to_do(cycle, lead, lead_client):
    answer_readiness(cycle, lead)
    history = CycleStatusChange.objects.count()

    response = lead_client.post(url("check", cycle))

    assert_error_page(response, "Answer every section before you submit. Still to do:")
    summary = _error_summary(response)
    for domain in Domain.objects.filter(framework=cycle.framework):
        assert domain.name_en in summary
    assert "Readiness" not in summary.split("Still to do:")[1]
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.IN_PROGRESS
    assert cycle.submitted_at is None
    assert CycleStatusChange.objects.count() == history


def test_submitting_a_complete_cycle_locks_it(cycle, lead, lead_client):
    answer_readiness(cycle, lead)
    answer_domains(cycle, lead)

    response = lead_client.post(url("check", cycle))

    assert response.status_code == 302
    assert response["Location"] == url("results", cycle)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.SUBMITTED


def test_change_on_check_your_answers_saves_and_goes_back_there(framework_content, lead):
    cycle = start_cycle(lead.memberships.get().organisation, lead)
    answer_readiness(cycle, lead)
    answer_domains(cycle, lead)
    client = client_for(lead)
    check = client.get(url("check", cycle)).content.decode()
    change = url("domain", cycle, "policy") + "?from=check"
    assert change in check
    page = client.get(change).content.decode()
    assert "Save and go back to check your answers" in page
    assert "Save and come back later" not in page
    response = client.post(
        url("domain", cycle, "policy"), domain_post(cycle, "policy", rating="1", revision="1",
                                                    **{"from": "check"}), follow=True
    )  # fmt: skip
    assert response.redirect_chain[-1][0] == url("check", cycle)
    assert "Your answers have been saved." in response.content.decode()


def test_without_coming_from_check_your_answers_saving_goes_on_to_the_next_page(
    framework_content, lead
):
    cycle = start_cycle(lead.memberships.get().organisation, lead)
    response = client_for(lead).post(url("domain", cycle, "policy"), domain_post(cycle, "policy"))
    assert response.url == url("domain", cycle, "workforce")


def test_change_on_a_readiness_answer_goes_to_its_theme_and_back(framework_content, lead):
    cycle = start_cycle(lead.memberships.get().organisation, lead)
    answer_readiness(cycle, lead)
    answer_domains(cycle, lead)
    client = client_for(lead)
    item = theme_items(cycle, 4)[1]
    check = client.get(url("check", cycle)).content.decode()
    change = f"{readiness_url(cycle, 4)}?from=check#question-{item.pk}"
    assert change in check

    data = readiness_post(cycle, "partly", revision="1", theme=4, **{"from": "check"})
    response = client.post(readiness_url(cycle, 4), data)

    assert response["Location"] == url("check", cycle)
    assert ReadinessAnswer.objects.get(item=item).value == "partly"


@pytest.mark.django_db(transaction=True)
def test_a_contributor_asked_for_their_views_is_emailed_in_their_language(
    framework_content, organisation, lead, contributor
):
    from django.core import mail

    cycle = start_cycle(organisation, lead, name="Asesiad 2026")
    contributor.language = "cy"
    contributor.save(update_fields=["language"])
    membership = Membership.objects.get(user=contributor, organisation=organisation)
    client_for(lead).post(url("contributors", cycle), {"member": str(membership.pk)})
    [message] = [m for m in mail.outbox if contributor.email in m.to]
    assert "Asesiad 2026" in message.subject
    assert message.subject.startswith("Gofynnir am eich barn")
    assert f"http://testserver{url('hub', cycle)}" in message.body
    assert lead.full_name in message.body
