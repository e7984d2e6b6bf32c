"""Every action-plan URL, for every role, for a member of another organisation and for
someone signed out. New plan views must be added to PLAN_PAGES."""

import pytest
from django.urls import reverse

from action_plans.models import PlanStatus
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.conftest import ROLES, client_for
from trauma_wales.permissions import Role

# Who gets which answer is decided in Python (roles, policies, tenancy), the same on either
# database: the run repeated on the second database leaves this out (docs/adr/0008).
pytestmark = [pytest.mark.django_db, pytest.mark.database_independent]

EVERYONE = dict.fromkeys(ROLES, 200)
LEAD_ONLY = {role: (200 if role == Role.LEAD else 403) for role in ROLES}

# (name, url name, extra kwargs, plan status, expected by role)
PLAN_PAGES = [
    ("plan", "plans:plan", {}, PlanStatus.DRAFT, EVERYONE),
    ("suggestions", "plans:suggestions", {}, PlanStatus.DRAFT, LEAD_ONLY),
    ("add action", "plans:action_create", {}, PlanStatus.DRAFT, LEAD_ONLY),
    ("action", "plans:action", {"action_id": True}, PlanStatus.DRAFT, EVERYONE),
    ("change action", "plans:action_edit", {"action_id": True}, PlanStatus.DRAFT, LEAD_ONLY),
    ("remove action", "plans:action_delete", {"action_id": True}, PlanStatus.DRAFT, LEAD_ONLY),
    ("csv", "plans:export", {"fmt": "csv"}, PlanStatus.APPROVED, EVERYONE),
    ("xlsx", "plans:export", {"fmt": "xlsx"}, PlanStatus.APPROVED, EVERYONE),
]
IDS = [page[0] for page in PLAN_PAGES]


@pytest.fixture
def plan(organisation):
    plan = PlanFactory(cycle__organisation=organisation)
    plan.test_action = ActionFactory(plan=plan)
    return plan


def url_for(plan, url_name, extra):
    kwargs = {"org_slug": plan.cycle.organisation.slug, "cycle_id": plan.cycle.pk}
    for key, value in extra.items():
        kwargs[key] = plan.test_action.pk if value is True else value
    return reverse(url_name, kwargs=kwargs)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "url_name", "extra", "status", "expected"), PLAN_PAGES, ids=IDS)
def test_each_role_gets_what_its_role_allows(
    plan, member_for_role, role, name, url_name, extra, status, expected
):
    plan.status = status
    plan.save()
    response = client_for(member_for_role(role)).get(url_for(plan, url_name, extra))
    assert response.status_code == expected[role]


@pytest.mark.parametrize(("name", "url_name", "extra", "status", "expected"), PLAN_PAGES, ids=IDS)
def test_another_organisation_gets_404_and_signed_out_goes_to_sign_in(
    plan, outsider, client, name, url_name, extra, status, expected
):
    url = url_for(plan, url_name, extra)
    assert client_for(outsider).get(url).status_code == 404
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("step", "status", "allowed_role"),
    [
        ("submit", PlanStatus.DRAFT, Role.LEAD),
        ("revise", PlanStatus.APPROVED, Role.LEAD),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_review_steps_change_status_only_for_the_right_role(
    plan, member_for_role, role, step, status, allowed_role
):
    plan.status = status
    plan.save()
    client_for(member_for_role(role)).post(
        reverse("plans:step", args=[plan.cycle.organisation.slug, plan.cycle.pk, step]),
        {"version": plan.version},
    )
    plan.refresh_from_db()
    assert (plan.status != status) == (role == allowed_role)


@pytest.mark.parametrize("role", ROLES)
def test_only_a_reviewer_can_approve(plan, member_for_role, role):
    plan.status = PlanStatus.IN_REVIEW
    plan.save()
    client_for(member_for_role(role)).post(
        reverse("plans:step", args=[plan.cycle.organisation.slug, plan.cycle.pk, "review"]),
        {"decision": PlanStatus.APPROVED, "version": plan.version},
    )
    plan.refresh_from_db()
    assert (plan.status == PlanStatus.APPROVED) == (role == Role.REVIEWER)


def test_another_organisations_plan_cannot_be_reached_through_your_own_slug(
    plan, other_organisation, lead
):
    """A lead of this organisation, this organisation's slug, the other one's cycle id."""
    foreign = PlanFactory(cycle__organisation=other_organisation)
    action = ActionFactory(plan=foreign)
    slug, cycle_id = plan.cycle.organisation.slug, foreign.cycle.pk
    client = client_for(lead)
    assert client.post(reverse("plans:step", args=[slug, cycle_id, "submit"])).status_code == 404
    assert client.get(reverse("plans:plan", args=[slug, cycle_id])).status_code == 404
    assert client.get(reverse("plans:action", args=[slug, cycle_id, action.pk])).status_code == 404
    # and this organisation's cycle with the other organisation's action id
    own = reverse("plans:action", args=[slug, plan.cycle.pk, action.pk])
    assert client.get(own).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == PlanStatus.DRAFT


@pytest.mark.parametrize("role", ROLES)
def test_leads_and_reviewers_comment_on_the_plan_others_are_refused(plan, member_for_role, role):
    from action_plans.models import ReviewComment

    client = client_for(member_for_role(role))
    url = reverse("plans:comment", args=[plan.cycle.organisation.slug, plan.cycle.pk])
    response = client.post(url, {"body": "Can the first action start sooner?"})
    allowed = role in (Role.LEAD, Role.REVIEWER)
    assert response.status_code == (302 if allowed else 403)
    assert ReviewComment.objects.filter(plan=plan).exists() == allowed
    page = client.get(reverse("plans:plan", args=[plan.cycle.organisation.slug, plan.cycle.pk]))
    assert ('name="body"' in page.content.decode()) == allowed
