"""Every assessment cycle page, for every role, for an invited and an uninvited contributor,
for a member of another organisation, for someone signed out, through another
organisation's cycle id, and on a submitted cycle. New cycle views must be added to
CYCLE_PAGES.
"""

from datetime import date
from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

from assessments.models import (
    AssessmentCycle,
    CycleContributor,
    CycleStatus,
    CycleStatusChange,
    DomainTarget,
    Indicator,
    IndicatorAnswer,
    ReadinessAnswer,
    ReadinessItem,
    Response,
    SectionRevision,
)
from assessments.selectors.cycles import organisation_response_for
from assessments.services.answers import (
    IndicatorInput,
    domain_answers_save,
)
from assessments.services.cycles import (
    contributor_invite,
    cycle_start,
    cycle_submit,
)
from organisations.models import Membership
from tests.assessments.saving import readiness_save_all
from tests.conftest import ROLES, client_for
from tests.organisations.factories import MembershipFactory
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role

# Who gets which answer is decided in Python (roles, policies, tenancy), the same on either
# database: the run repeated on the second database leaves this out (docs/adr/0008).
pytestmark = [pytest.mark.django_db, pytest.mark.database_independent]

# The state the cycle is put in before the request, so that the lead's request can succeed.
IN_PROGRESS, ANSWERED, SUBMITTED = "in progress", "answered", "submitted"


# --- building cycles --------------------------------------------------------------------------


def start_cycle(organisation, actor, name="2026 baseline"):
    return cycle_start(
        organisation=organisation,
        actor=actor,
        name=name,
        period_start=date(2026, 4, 1),
        period_end=date(2027, 3, 31),
    )


def answer_everything(cycle, actor, response=None):
    response = response or organisation_response_for(cycle=cycle)
    readiness_save_all(response, actor)
    for domain in cycle.framework.domains.filter(is_active=True):
        indicators = domain.indicators.filter(is_active=True)
        domain_answers_save(
            response=response,
            domain=domain,
            answers={i.pk: IndicatorInput(score=3) for i in indicators},
            expected_revision=0,
            actor=actor,
        )


def cycle_in_state(organisation, actor, state):
    cycle = start_cycle(organisation, actor)
    if state in (ANSWERED, SUBMITTED):
        answer_everything(cycle, actor)
    if state == SUBMITTED:
        cycle_submit(cycle=cycle, actor=actor)
    cycle.refresh_from_db()
    return cycle


def policy_indicators(cycle):
    return list(
        Indicator.objects.filter(
            framework=cycle.framework, domain__code="policy", is_active=True
        ).order_by("order")
    )


def readiness_items(cycle):
    return ReadinessItem.objects.filter(framework=cycle.framework, is_active=True)


def snapshot():
    """Everything a cycle page could write, across all organisations."""
    return {
        "cycles": sorted(AssessmentCycle.objects.values_list("pk", "status", "name")),
        "history": CycleStatusChange.objects.count(),
        "responses": Response.objects.count(),
        "contributors": CycleContributor.objects.count(),
        "targets": sorted(DomainTarget.objects.values_list("pk", "level")),
        "indicator_answers": sorted(
            IndicatorAnswer.objects.values_list("pk", "score", "dont_know", "evidence")
        ),
        "readiness_answers": sorted(ReadinessAnswer.objects.values_list("pk", "value", "note")),
        "revisions": sorted(SectionRevision.objects.values_list("pk", "revision")),
        # Signing the client in is recorded too; what the page wrote is about organisations.
        "audit": AuditEntry.objects.exclude(organisation=None).count(),
    }


# --- what each page is sent -------------------------------------------------------------------


def _start_data(organisation, cycle):
    return {
        "name": "2027 follow-up",
        "period_start_0": "1",
        "period_start_1": "4",
        "period_start_2": "2027",
        "period_end_0": "31",
        "period_end_1": "3",
        "period_end_2": "2028",
    }


FIRST_THEME = "sponsorship"  # the first readiness theme in the framework content


def _readiness_data(organisation, cycle):
    data = {"revision": "0", "save_continue": ""}
    data.update(
        {
            f"q{item.pk}-value": "partly"
            for item in readiness_items(cycle)
            if item.theme.code == FIRST_THEME
        }
    )
    return data


def _domain_data(organisation, cycle):
    data = {"revision": "0", "save_continue": ""}
    data.update({f"q{i.pk}-rating": "2" for i in policy_indicators(cycle)})
    return data


def _reopen_data(organisation, cycle):
    return {"reason": "The board asked us to look again at the policy answers."}


def _contributors_data(organisation, cycle):
    candidate = MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR)
    return {"member": str(candidate.pk)}


def _targets_data(organisation, cycle):
    targets = {f"domain-{d.pk}": "3" for d in cycle.framework.domains.all()}
    return {**targets, "version": str(cycle.version)}


ALL = dict.fromkeys(ROLES, 200)
LEAD_ONLY = {role: (200 if role == Role.LEAD else 403) for role in ROLES}
LEAD_ONLY_POST = {role: (302 if role == Role.LEAD else 403) for role in ROLES}

# (id, method, url name, needs a cycle id, extra url kwargs, post data, cycle state, by role)
CYCLE_PAGES = [
    ("list", "get", "assessments:list", False, {}, None, IN_PROGRESS, ALL),
    ("start", "get", "assessments:start", False, {}, None, IN_PROGRESS, LEAD_ONLY),
    ("start (post)", "post", "assessments:start", False, {}, _start_data, SUBMITTED,
     LEAD_ONLY_POST),
    ("hub", "get", "assessments:hub", True, {}, None, IN_PROGRESS, ALL),
    ("readiness start", "get", "assessments:readiness", True, {}, None, IN_PROGRESS,
     LEAD_ONLY_POST),
    ("readiness", "get", "assessments:readiness_theme", True, {"code": FIRST_THEME}, None,
     IN_PROGRESS, LEAD_ONLY),
    ("readiness (post)", "post", "assessments:readiness_theme", True, {"code": FIRST_THEME},
     _readiness_data, IN_PROGRESS, LEAD_ONLY_POST),
    ("domain", "get", "assessments:domain", True, {"code": "policy"}, None, IN_PROGRESS,
     LEAD_ONLY),
    ("domain (post)", "post", "assessments:domain", True, {"code": "policy"}, _domain_data,
     IN_PROGRESS, LEAD_ONLY_POST),
    ("check", "get", "assessments:check", True, {}, None, IN_PROGRESS, LEAD_ONLY),
    ("check (post)", "post", "assessments:check", True, {}, lambda o, c: {}, ANSWERED,
     LEAD_ONLY_POST),
    ("reopen", "get", "assessments:reopen", True, {}, None, SUBMITTED, LEAD_ONLY),
    ("reopen (post)", "post", "assessments:reopen", True, {}, _reopen_data, SUBMITTED,
     LEAD_ONLY_POST),
    ("contributors", "get", "assessments:contributors", True, {}, None, IN_PROGRESS,
     LEAD_ONLY),
    ("contributors (post)", "post", "assessments:contributors", True, {}, _contributors_data,
     IN_PROGRESS, LEAD_ONLY_POST),
    ("targets", "get", "assessments:targets", True, {}, None, IN_PROGRESS, LEAD_ONLY),
    ("targets (post)", "post", "assessments:targets", True, {}, _targets_data, IN_PROGRESS,
     LEAD_ONLY_POST),
    ("results", "get", "assessments:results", True, {}, None, SUBMITTED, ALL),
]  # fmt: skip
PAGE_IDS = [page[0] for page in CYCLE_PAGES]
PAGE_ARGS = ("name", "method", "url_name", "with_cycle", "extra", "data", "state", "expected")
CYCLE_ONLY = [page for page in CYCLE_PAGES if page[3]]


def _url(organisation, cycle, url_name, with_cycle, extra):
    kwargs = {"org_slug": organisation.slug, **extra}
    if with_cycle:
        kwargs["cycle_id"] = cycle.pk
    return reverse(url_name, kwargs=kwargs)


def _request(client, method, url, data, organisation, cycle):
    if method == "get":
        return client.get(url)
    return client.post(url, data(organisation, cycle) if data else {})


@pytest.fixture
def cycle_lead(organisation):
    """The lead who set the cycle up (the person under test is another member)."""
    return MembershipFactory(organisation=organisation, role=Role.LEAD).user


# --- the role matrix --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(PAGE_ARGS, CYCLE_PAGES, ids=PAGE_IDS)
def test_each_role_gets_what_its_role_allows(
    organisation, cycle_lead, member_for_role, role, name, method, url_name, with_cycle,
    extra, data, state, expected,
):  # fmt: skip
    cycle = cycle_in_state(organisation, cycle_lead, state)
    client = client_for(member_for_role(role))
    before = snapshot()

    response = _request(
        client, method, _url(organisation, cycle, url_name, with_cycle, extra), data,
        organisation, cycle,
    )  # fmt: skip

    assert response.status_code == expected[role]
    if expected[role] == 403:
        assert snapshot() == before, "a refused request changed something"


LEAD_POSTS = [
    ("start", "assessments:start", {}, _start_data, SUBMITTED, "assessments:hub"),
    ("readiness", "assessments:readiness_theme", {"code": FIRST_THEME}, _readiness_data,
     IN_PROGRESS, "assessments:readiness_theme"),
    ("domain", "assessments:domain", {"code": "policy"}, _domain_data, IN_PROGRESS,
     "assessments:domain"),
    ("check", "assessments:check", {}, lambda o, c: {}, ANSWERED, "assessments:results"),
    ("reopen", "assessments:reopen", {}, _reopen_data, SUBMITTED, "assessments:hub"),
    ("contributors", "assessments:contributors", {}, _contributors_data, IN_PROGRESS,
     "assessments:contributors"),
    ("targets", "assessments:targets", {}, _targets_data, IN_PROGRESS, "assessments:results"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "url_name", "extra", "data", "state", "redirect_name"),
    LEAD_POSTS,
    ids=[post[0] for post in LEAD_POSTS],
)
def test_the_leads_posts_take_effect(
    organisation, cycle_lead, lead_client, name, url_name, extra, data, state, redirect_name
):
    """The lead's 302s in the matrix are real saves, not refusals that happen to redirect."""
    cycle = cycle_in_state(organisation, cycle_lead, state)
    url = _url(organisation, cycle, url_name, url_name != "assessments:start", extra)
    before = snapshot()

    response = lead_client.post(url, data(organisation, cycle))

    assert response.status_code == 302
    assert resolve(urlsplit(response["Location"]).path).view_name == redirect_name
    assert snapshot() != before


# --- contributors answer only the cycles they are invited to ----------------------------------

QUESTION_PAGES = [
    ("readiness", "assessments:readiness_theme", {"code": FIRST_THEME}, _readiness_data),
    ("domain", "assessments:domain", {"code": "policy"}, _domain_data),
]


@pytest.mark.parametrize(
    ("name", "url_name", "extra", "data"), QUESTION_PAGES, ids=[p[0] for p in QUESTION_PAGES]
)
def test_uninvited_contributor_cannot_open_or_post_question_pages(
    organisation, cycle_lead, contributor, name, url_name, extra, data
):
    cycle = start_cycle(organisation, cycle_lead)
    client = client_for(contributor)
    url = _url(organisation, cycle, url_name, True, extra)
    before = snapshot()

    assert client.get(url).status_code == 403
    assert client.post(url, data(organisation, cycle)).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "url_name", "extra", "data"), QUESTION_PAGES, ids=[p[0] for p in QUESTION_PAGES]
)
def test_invited_contributor_answers_into_their_own_response(
    organisation, cycle_lead, contributor, name, url_name, extra, data
):
    cycle = start_cycle(organisation, cycle_lead)
    membership = Membership.objects.get(user=contributor, organisation=organisation)
    own = contributor_invite(cycle=cycle, membership=membership, actor=cycle_lead)
    client = client_for(contributor)
    url = _url(organisation, cycle, url_name, True, extra)

    assert client.get(url).status_code == 200
    assert client.post(url, data(organisation, cycle)).status_code == 302

    agreed = organisation_response_for(cycle=cycle)
    saved = ReadinessAnswer.objects.filter(response=own).exists() or (
        IndicatorAnswer.objects.filter(response=own).exists()
    )
    assert saved, "the contributor's answers were not saved in their own response"
    assert not ReadinessAnswer.objects.filter(response=agreed).exists()
    assert not IndicatorAnswer.objects.filter(response=agreed).exists()


def test_invitation_to_one_cycle_does_not_open_another(organisation, cycle_lead, contributor):
    """Invited to last year's cycle only: this year's readiness page is still refused."""
    old = cycle_in_state(organisation, cycle_lead, IN_PROGRESS)
    membership = Membership.objects.get(user=contributor, organisation=organisation)
    contributor_invite(cycle=old, membership=membership, actor=cycle_lead)
    answer_everything(old, cycle_lead)
    cycle_submit(cycle=old, actor=cycle_lead)
    current = start_cycle(organisation, cycle_lead, name="2027 follow-up")

    response = client_for(contributor).get(
        reverse("assessments:readiness_theme", args=[organisation.slug, current.pk, FIRST_THEME])
    )

    assert response.status_code == 403


def test_invited_contributor_sees_only_their_own_sections_on_the_hub(
    organisation, cycle_lead, contributor
):
    cycle = start_cycle(organisation, cycle_lead)
    membership = Membership.objects.get(user=contributor, organisation=organisation)
    url = reverse("assessments:hub", args=[organisation.slug, cycle.pk])
    client = client_for(contributor)

    assert "Your sections" not in client.get(url).content.decode()
    contributor_invite(cycle=cycle, membership=membership, actor=cycle_lead)
    content = client.get(url).content.decode()
    assert "Your sections" in content
    assert "You have been asked for your own view" in content
    assert reverse("assessments:check", args=[organisation.slug, cycle.pk]) not in content


# --- other organisations and signed-out people ------------------------------------------------


@pytest.mark.parametrize(PAGE_ARGS, CYCLE_PAGES, ids=PAGE_IDS)
def test_member_of_another_organisation_gets_404(
    organisation, cycle_lead, outsider, name, method, url_name, with_cycle, extra, data,
    state, expected,
):  # fmt: skip
    cycle = cycle_in_state(organisation, cycle_lead, state)
    url = _url(organisation, cycle, url_name, with_cycle, extra)
    before = snapshot()

    response = _request(client_for(outsider), method, url, data, organisation, cycle)

    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(PAGE_ARGS, CYCLE_PAGES, ids=PAGE_IDS)
def test_signed_out_person_is_sent_to_sign_in(
    client, organisation, cycle_lead, name, method, url_name, with_cycle, extra, data, state,
    expected,
):  # fmt: skip
    cycle = cycle_in_state(organisation, cycle_lead, state)
    url = _url(organisation, cycle, url_name, with_cycle, extra)
    before = snapshot()

    response = _request(client, method, url, data, organisation, cycle)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert snapshot() == before


@pytest.mark.parametrize(PAGE_ARGS, CYCLE_ONLY, ids=[page[0] for page in CYCLE_ONLY])
def test_another_organisations_cycle_cannot_be_reached_through_your_own(
    organisation, lead_client, other_organisation, outsider, name, method, url_name,
    with_cycle, extra, data, state, expected,
):  # fmt: skip
    """Your own slug with another organisation's cycle id: 404, and nothing changes."""
    foreign = cycle_in_state(other_organisation, outsider, state)
    url = reverse(url_name, kwargs={"org_slug": organisation.slug, "cycle_id": foreign.pk, **extra})
    # the post data is built against the foreign cycle, as a tamperer would
    payload = data(organisation, foreign) if data else None
    before = snapshot()

    response = lead_client.get(url) if method == "get" else lead_client.post(url, payload)

    assert response.status_code == 404
    assert snapshot() == before


def test_your_own_cycle_through_another_organisations_slug_is_404(
    organisation, lead, lead_client, other_organisation
):
    cycle = start_cycle(organisation, lead)
    url = reverse("assessments:hub", args=[other_organisation.slug, cycle.pk])
    assert lead_client.get(url).status_code == 404


# --- a submitted cycle is locked --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "url_name", "extra", "data"), QUESTION_PAGES, ids=[p[0] for p in QUESTION_PAGES]
)
def test_submitted_cycle_question_pages_redirect_to_results(
    organisation, lead, lead_client, name, url_name, extra, data
):
    cycle = cycle_in_state(organisation, lead, SUBMITTED)
    url = _url(organisation, cycle, url_name, True, extra)
    results = reverse("assessments:results", args=[organisation.slug, cycle.pk])

    response = lead_client.get(url)

    assert response.status_code == 302
    assert response["Location"] == results
    followed = lead_client.get(results)
    assert "This assessment has been submitted, so its answers are locked." in (
        followed.content.decode()
    )


@pytest.mark.parametrize(
    ("name", "url_name", "extra", "data"), QUESTION_PAGES, ids=[p[0] for p in QUESTION_PAGES]
)
def test_posting_to_a_submitted_cycle_saves_nothing(
    organisation, lead, lead_client, name, url_name, extra, data
):
    cycle = cycle_in_state(organisation, lead, SUBMITTED)
    url = _url(organisation, cycle, url_name, True, extra)
    payload = data(organisation, cycle)
    payload["revision"] = "1"  # the current revision, so only the lock can refuse it
    before = snapshot()

    response = lead_client.post(url, payload)

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "assessments:results", args=[organisation.slug, cycle.pk]
    )
    assert snapshot() == before
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.SUBMITTED


def test_invited_contributor_cannot_post_to_a_submitted_cycle(
    organisation, cycle_lead, contributor
):
    cycle = start_cycle(organisation, cycle_lead)
    membership = Membership.objects.get(user=contributor, organisation=organisation)
    contributor_invite(cycle=cycle, membership=membership, actor=cycle_lead)
    answer_everything(cycle, cycle_lead)
    cycle_submit(cycle=cycle, actor=cycle_lead)
    url = reverse("assessments:domain", args=[organisation.slug, cycle.pk, "policy"])
    before = snapshot()

    response = client_for(contributor).post(url, _domain_data(organisation, cycle))

    assert response.status_code == 302
    assert snapshot() == before
