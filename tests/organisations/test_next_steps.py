"""Finding the way: each person sees what to do next.

The organisation overview offers one next step, the most pressing for this person (a
reviewer's plan waiting, a lead's changes asked for, a contributor's views), and lists
the assessment, plan and board report; the results page offers the plan; signing in
takes someone with one organisation straight to it; "Change" on Check your answers comes
back there.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from action_plans.models import PlanStatus, PlanStatusChange
from assessments.models import CycleContributor
from organisations.hooks import (
    TO_READ,
    WAITING_ON_YOU,
    YOUR_WORK,
    NextStep,
    RenderedSection,
    next_step,
)
from tests.accounts.factories import PASSWORD, UserFactory
from tests.action_plans.factories import PlanFactory
from tests.assessments.factories import CycleFactory, add_contributor, submitted_cycle
from tests.conftest import client_for
from tests.organisations.factories import InvitationFactory, MembershipFactory, OrganisationFactory
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db


def offered(client, organisation) -> tuple[str, str] | None:
    """The overview's next step as (label, link), or None."""
    html = client.get(reverse("organisations:overview", args=[organisation.slug])).content
    box = re.search(r'<div class="app-next-step">(.*?)</div>', html.decode(), re.DOTALL)
    if box is None:
        return None
    link = re.search(r'<a class="govuk-button[^"]*"[^>]*href="([^"]+)">([^<]+)</a>', box[1])
    return link[2], link[1]


def in_progress(organisation):
    return CycleFactory(organisation=organisation, name="2026 assessment", year=2026)


def submitted(organisation):
    return submitted_cycle(organisation, name="2025 baseline", year=2025)


def with_plan(status):
    def make(organisation):
        cycle = submitted(organisation)
        plan = PlanFactory(cycle=cycle, title="Becoming trauma-informed", status=status)
        if status == PlanStatus.CHANGES_REQUESTED:
            PlanStatusChange.objects.create(
                plan=plan,
                revision=plan.revision,
                from_status=PlanStatus.IN_REVIEW,
                to_status=status,
                comment="More.",
            )
        return cycle

    return make


# (what the organisation has, role) -> the label offered, and the page it leads to
CASES = [
    (None, Role.LEAD, "Start your first assessment", "assessments:start"),
    (None, Role.CONTRIBUTOR, None, None),
    (None, Role.BOARD, None, None),
    (in_progress, Role.LEAD, "Continue the assessment", "assessments:hub"),
    (in_progress, Role.REVIEWER, None, None),
    (submitted, Role.LEAD, "Build your action plan", "plans:create"),
    (submitted, Role.BOARD, "Read the board report", "reports:report"),
    (submitted, Role.CONTRIBUTOR, "Read the board report", "reports:report"),
    (with_plan(PlanStatus.DRAFT), Role.LEAD, "Carry on with the action plan", "plans:plan"),
    (with_plan(PlanStatus.DRAFT), Role.REVIEWER, "Read the board report", "reports:report"),
    (with_plan(PlanStatus.IN_REVIEW), Role.REVIEWER, "Review the action plan", "plans:plan"),
    (with_plan(PlanStatus.IN_REVIEW), Role.LEAD, "Read the board report", "reports:report"),
    (
        with_plan(PlanStatus.CHANGES_REQUESTED),
        Role.LEAD,
        "See the changes asked for",
        "plans:plan",
    ),
    (
        with_plan(PlanStatus.APPROVED),
        Role.LEAD,
        "Record progress on the action plan",
        "plans:plan",
    ),
    (with_plan(PlanStatus.APPROVED), Role.BOARD, "Read the board report", "reports:report"),
]


@pytest.mark.parametrize(
    ("state", "role", "label", "page"),
    CASES,
    ids=[f"{getattr(s, '__name__', 'nothing')}-{r}-{p or 'none'}" for s, r, _l, p in CASES],
)
def test_the_overview_offers_each_person_their_next_step(
    framework_content, organisation, member_for_role, state, role, label, page
):
    cycle = state(organisation) if state else None
    step = offered(client_for(member_for_role(role)), organisation)
    if label is None:
        assert step is None
        return
    assert step is not None and step[0] == label
    args = [organisation.slug] + ([cycle.pk] if page != "assessments:start" else [])
    assert step[1] == reverse(page, args=args)


def test_a_contributor_asked_for_their_views_is_offered_that_first(
    framework_content, organisation, contributor
):
    cycle = in_progress(organisation)
    assert offered(client_for(contributor), organisation) is None
    add_contributor(cycle, user=contributor)
    assert offered(client_for(contributor), organisation) == (
        "Give your views",
        reverse("assessments:hub", args=[organisation.slug, cycle.pk]),
    )


def test_waiting_on_you_comes_before_your_own_work_and_before_reading():
    steps = [
        NextStep(TO_READ, "read", "/r/"),
        NextStep(WAITING_ON_YOU, "review", "/p/"),
        NextStep(YOUR_WORK, "continue", "/a/"),
    ]
    sections = [RenderedSection("x.html", {"next_step": step}) for step in steps]
    assert next_step(sections).label == "review"
    assert next_step([RenderedSection("x.html", {})]) is None


def test_the_overview_lists_the_plan_and_the_report(framework_content, organisation, board):
    cycle = with_plan(PlanStatus.APPROVED)(organisation)
    html = client_for(board).get(reverse("organisations:overview", args=[organisation.slug]))
    html = html.content.decode()
    assert reverse("plans:plan", args=[organisation.slug, cycle.pk]) in html
    assert "“Becoming trauma-informed”, from “2025 baseline”. Status: Approved." in html
    assert reverse("reports:report", args=[organisation.slug, cycle.pk]) in html


def test_the_results_page_offers_the_plan_as_the_next_step(
    framework_content, organisation, lead, board
):
    cycle = submitted(organisation)
    results = reverse("assessments:results", args=[organisation.slug, cycle.pk])
    page = client_for(lead).get(results).content.decode()
    assert "Build your action plan" in page
    assert reverse("plans:create", args=[organisation.slug, cycle.pk]) in page
    assert "Build your action plan" not in client_for(board).get(results).content.decode()
    PlanFactory(cycle=cycle, status=PlanStatus.APPROVED)
    page = client_for(board).get(results).content.decode()
    assert "See the action plan" in page


@pytest.mark.parametrize("organisations", [1, 2])
def test_signing_in_with_one_organisation_goes_straight_to_it(client, organisations):
    user = UserFactory()
    memberships = [
        MembershipFactory(user=user, organisation=OrganisationFactory(), role=Role.LEAD)
        for _ in range(organisations)
    ]
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}, follow=True
    )
    expected = (
        reverse("organisations:overview", args=[memberships[0].organisation.slug])
        if organisations == 1
        else reverse("home")
    )
    assert response.redirect_chain[-1][0] == expected


def test_signing_in_with_an_invitation_waiting_shows_it_on_the_list(client, organisation, lead):
    InvitationFactory(organisation=OrganisationFactory(), email=lead.email)
    response = client.post(
        reverse("accounts:login"), {"username": lead.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Invitations waiting for you" in response.content.decode()


def test_signing_in_to_go_somewhere_still_goes_there(client, organisation, lead):
    wanted = reverse("organisations:members", args=[organisation.slug])
    response = client.post(
        f"{reverse('accounts:login')}?next={wanted}",
        {"username": lead.email, "password": PASSWORD},
    )
    assert response.url == wanted


@pytest.mark.parametrize(
    ("role", "button", "link"),
    [(None, True, False), (Role.LEAD, False, True), (Role.CONTRIBUTOR, False, False)],
)
def test_registering_an_organisation_is_offered_to_who_needs_it(role, button, link):
    user = UserFactory()
    if role:
        MembershipFactory(user=user, organisation=OrganisationFactory(), role=role)
    html = client_for(user).get(reverse("home")).content.decode()
    assert (">Register an organisation<" in html) is button
    assert (">Register another organisation<" in html) is link


def waiting_cards(client) -> dict[str, list[str]]:
    """{organisation name: what waits on this person there} from the home page."""
    html = client.get(reverse("home")).content.decode()
    found = {}
    for name, card in re.findall(
        r"<h2[^>]*><a[^>]*>([^<]+)</a></h2>(.*?)(?=<h2|\Z)", html, re.DOTALL
    ):
        found[name] = re.findall(r"<li>([^<]+)</li>", card) if "Waiting for you" in card else []
    return found


def test_the_home_page_says_where_something_waits_on_someone_in_several_organisations():
    reviewer = UserFactory()
    quiet, busy, asking = (OrganisationFactory(name=n) for n in ("Afon", "Bryn", "Cwm"))
    for organisation in (quiet, busy):
        MembershipFactory(organisation=organisation, user=reviewer, role=Role.REVIEWER)
    MembershipFactory(organisation=asking, user=reviewer, role=Role.BOARD)
    with_plan(PlanStatus.APPROVED)(quiet)
    with_plan(PlanStatus.IN_REVIEW)(busy)
    asked = add_contributor(in_progress(asking), user=reviewer)

    client = client_for(reviewer)
    assert waiting_cards(client) == {
        "Afon": [],
        "Bryn": ["“Becoming trauma-informed” is waiting for your review."],
        "Cwm": ["You have been asked for your own view on “2026 assessment”."],
    }

    CycleContributor.objects.filter(cycle=asked.cycle).update(finished_at=timezone.now())
    assert waiting_cards(client)["Cwm"] == []


def test_the_home_pages_queries_do_not_grow_with_the_organisations():
    person = UserFactory()
    client = client_for(person)

    def queries_with(count: int) -> int:
        for _ in range(count):
            organisation = OrganisationFactory()
            MembershipFactory(organisation=organisation, user=person, role=Role.REVIEWER)
            with_plan(PlanStatus.IN_REVIEW)(organisation)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home")).status_code == 200
        return len(captured)

    assert queries_with(1) == queries_with(4)
