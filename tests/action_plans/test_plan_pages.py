"""Plan pages as a person uses them: every form with bad input (a clear error, nothing
saved, no 500), the review and comment errors on the plan page, a revision's changes,
comments on single actions, and fixed query counts for the plan page and exports."""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from action_plans.models import (
    Action,
    ActionPlan,
    DismissedGap,
    PlanStatus,
    ProgressUpdate,
    ReviewComment,
)
from action_plans.services import plan_move
from assessments.models import Indicator
from framework.models import Domain, Principle
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.assessments.factories import CycleFactory, answer_indicator, org_response
from tests.conftest import client_for
from tests.organisations.factories import MembershipFactory
from trauma_wales.kept import kept_clear
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation):
    return PlanFactory(cycle__organisation=organisation)


# A day inside PlanFactory's period (April 2026 to March 2027), so that the dates these
# tests send are in the future and inside the plan whatever the calendar says.
TODAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def a_day_inside_the_plan(time_machine):
    time_machine.move_to(datetime.combine(TODAY, time(12), UTC), tick=True)


def plan_url(plan, name="plans:plan", **extra):
    return reverse(name, args=[plan.cycle.organisation.slug, plan.cycle.pk, *extra.values()])


def date_post(name, value: date | None) -> dict:
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def action_post(plan, **changes) -> dict:
    framework = plan.cycle.framework
    data = {
        "description": "Rewrite appointment letters in plain, kind words",
        "responsible_member": "",
        "responsible_other": "Customer services",
        "resources": "",
        "outcome": "People say the letters are clear",
        "domain": Domain.objects.get(framework=framework, code="policy").pk,
        "priority": "high",
        "principles": [Principle.objects.get(framework=framework, code="safety").pk],
        **date_post("start_date", None),
        **date_post("target_date", date(2026, 9, 30)),
    }
    data.update(changes)
    return data


def test_a_good_action_is_saved(plan, lead):
    response = client_for(lead).post(plan_url(plan, "plans:action_create"), action_post(plan))
    assert response.status_code == 302
    assert Action.objects.get(plan=plan).responsible_other == "Customer services"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"description": ""}, "Enter what will be done"),
        ({"description": "x" * 2001}, "2000 characters or fewer"),
        ({"outcome": ""}, "Enter the outcome that will show the action worked"),
        (
            {**date_post("start_date", date(2026, 10, 1))},
            "The target date must be the same as or after the start date",
        ),
        ({**date_post("target_date", None)}, "Enter the target date for completion"),
        ({"target_date_0": "31", "target_date_1": "2"}, "must be a real date"),
        ({"domain": "999999"}, "Choose a domain area from the list"),
        ({"domain": "not-a-number"}, "Choose a domain area from the list"),
        ({"indicators": ["999999"]}, "Choose indicators from the list"),
        ({"principles": ["999999"]}, "Choose from the list"),
        ({"priority": "urgent"}, "Choose a priority from the list"),
        ({"responsible_other": ""}, "Choose a member, or name the team or partner responsible"),
        ({"responsible_other": "x" * 201}, "200 characters or fewer"),
    ],
    ids=lambda v: str(v)[:30],
)
def test_bad_action_input_shows_an_error_and_saves_nothing(plan, lead, change, message):
    response = client_for(lead).post(
        plan_url(plan, "plans:action_create"), action_post(plan, **change)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert "<title>Error:" in page
    assert not Action.objects.filter(plan=plan).exists()


def test_a_member_of_another_organisation_cannot_be_made_responsible(
    plan, lead, other_organisation
):
    stranger = MembershipFactory(organisation=other_organisation, role=Role.LEAD)
    response = client_for(lead).post(
        plan_url(plan, "plans:action_create"), action_post(plan, responsible_member=stranger.pk)
    )
    assert response.status_code == 200
    assert "Choose a member from the list" in response.content.decode()
    assert not Action.objects.exists()


def test_an_indicator_of_another_framework_version_is_refused(plan, lead, tmp_path):
    from tests.assessments.factories import new_framework_version

    other = new_framework_version(tmp_path)
    foreign = Indicator.objects.filter(framework=other).first()
    response = client_for(lead).post(
        plan_url(plan, "plans:action_create"), action_post(plan, indicators=[foreign.pk])
    )
    assert "Choose indicators from the list" in response.content.decode()
    assert not Action.objects.exists()


def test_editing_with_bad_input_leaves_the_action_as_it_was(plan, lead):
    action = ActionFactory(plan=plan, description="Keep me")
    response = client_for(lead).post(
        plan_url(plan, "plans:action_edit", action_id=action.pk),
        action_post(plan, description=""),
    )
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.description == "Keep me"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", **date_post("period_start", date(2026, 4, 1)),
          **date_post("period_end", date(2027, 3, 31))}, "Enter a title for the plan"),
        ({"title": "Plan", **date_post("period_start", date(2027, 4, 1)),
          **date_post("period_end", date(2026, 3, 31))}, "end"),
        ({"title": "x" * 201, **date_post("period_start", date(2026, 4, 1)),
          **date_post("period_end", date(2027, 3, 31))}, "characters or fewer"),
    ],
)  # fmt: skip
def test_bad_plan_input_shows_an_error_and_creates_nothing(organisation, lead, data, message):
    cycle = CycleFactory(organisation=organisation)
    url = reverse("plans:create", args=[organisation.slug, cycle.pk])
    response = client_for(lead).post(url, data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert message in response.content.decode()
    assert not ActionPlan.objects.exists()


def test_dismissing_a_gap_needs_a_reason_and_a_real_gap(plan, lead):
    indicator = Indicator.objects.get(framework=plan.cycle.framework, code="policy-01")
    client = client_for(lead)
    url = plan_url(plan, "plans:suggestions")
    no_reason = client.post(url, {"indicator": indicator.pk, "reason": ""})
    tampered = client.post(url, {"indicator": "999999", "reason": "Done already"})
    junk = client.post(url, {"indicator": "<script>", "reason": "Done already"})
    for response in (no_reason, tampered, junk):
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
    assert "Choose a gap from the list" in tampered.content.decode()
    assert not DismissedGap.objects.exists()


def in_review(plan, organisation):
    ActionFactory(plan=plan)
    lead = MembershipFactory(organisation=organisation, role=Role.LEAD)
    plan_move(plan=plan, to_status=PlanStatus.IN_REVIEW, actor=lead.user)
    return plan


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose whether to approve the plan or ask for changes"),
        ({"decision": "changes_requested", "comment": ""}, "say what should change"),
        ({"decision": "draft"}, "Choose from the list"),
        ({"decision": "approved", "comment": "x" * 2001}, "2000 characters or fewer"),
    ],
)
def test_review_errors_show_in_an_error_summary_on_the_plan_page(
    plan, organisation, reviewer, data, message
):
    in_review(plan, organisation)
    response = client_for(reviewer).post(plan_url(plan, "plans:step", step="review"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and message in page
    assert "<title>Error:" in page
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_REVIEW


def test_an_unknown_step_is_not_found(plan, lead):
    response = client_for(lead).post(plan_url(plan, "plans:step", step="publish"))
    assert response.status_code == 404


def test_an_empty_plan_comment_shows_an_error_and_saves_nothing(plan, reviewer):
    response = client_for(reviewer).post(plan_url(plan, "plans:comment"), {"body": "  "})
    assert response.status_code == 200
    assert "Enter a comment" in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_bad_progress_input_shows_an_error_and_saves_nothing(plan, organisation, reviewer):
    action = ActionFactory(plan=plan)
    plan.status = PlanStatus.APPROVED
    plan.save()
    url = plan_url(plan, "plans:action", action_id=action.pk)
    client = client_for(reviewer)
    for data in (
        {"form": "progress", "status": "in_progress", "note": "",
         **date_post("recorded_on", date(2026, 5, 1))},
        {"form": "progress", "status": "finished", "note": "Going well",
         **date_post("recorded_on", date(2026, 5, 1))},
        {"form": "progress", "status": "cancelled", "note": "Stopped", "cancelled_reason": "",
         **date_post("recorded_on", date(2026, 5, 1))},
    ):  # fmt: skip
        response = client.post(url, data)
        assert response.status_code == 200, data
        assert "There is a problem" in response.content.decode(), data
    assert not ProgressUpdate.objects.exists()
    assert client.post(url, {"form": "unknown"}).status_code == 404


def test_a_revision_shows_what_changed_since_approval(plan, organisation):
    kept = ActionFactory(plan=plan, description="Kept as it was")
    changed = ActionFactory(plan=plan, description="Train reception staff")
    removed = ActionFactory(plan=plan, description="Old idea")
    lead = MembershipFactory(organisation=organisation, role=Role.LEAD)
    reviewer = MembershipFactory(organisation=organisation, role=Role.REVIEWER)
    for to_status, who in ((PlanStatus.IN_REVIEW, lead), (PlanStatus.APPROVED, reviewer),
                           (PlanStatus.DRAFT, lead)):  # fmt: skip
        plan_move(plan=plan, to_status=to_status, actor=who.user)
    changed.target_date = date(2027, 1, 31)
    changed.save()
    removed.delete()
    ActionFactory(plan=plan, description="A brand new action")

    page = client_for(lead.user).get(plan_url(plan)).content.decode()
    section = page[page.index('id="changes"') : page.index("Where the actions are")]
    assert "Changes since revision 1 was approved" in section
    assert "A brand new action" in section
    assert "Train reception staff" in section and "Target date" in section
    assert "Old idea" in section
    assert kept.description not in section


def test_no_changes_panel_on_a_first_draft(plan, lead):
    ActionFactory(plan=plan)
    assert 'id="changes"' not in client_for(lead).get(plan_url(plan)).content.decode()


def test_comments_on_single_actions_show_on_the_plan_page(plan, organisation, reviewer):
    action = ActionFactory(plan=plan, description="Train reception staff")
    ReviewComment.objects.create(
        plan=plan, action=action, revision=plan.revision, body="Add a start date please",
        author=reviewer,
    )  # fmt: skip
    page = client_for(reviewer).get(plan_url(plan)).content.decode()
    assert "Add a start date please" in page
    assert "1 comment" in page


def _fill(plan, organisation, size):
    owner = MembershipFactory(organisation=organisation, role=Role.LEAD)
    principles = list(Principle.objects.filter(framework=plan.cycle.framework)[:2])
    for n in range(size):
        action = ActionFactory(plan=plan, responsible_member=owner if n % 2 else None)
        action.principles.add(*principles)
        ReviewComment.objects.create(plan=plan, action=action, revision=1, body="Fine")
    response = org_response(plan.cycle)
    for indicator in Indicator.objects.filter(framework=plan.cycle.framework)[:size]:
        answer_indicator(response, indicator, score=1)


@pytest.mark.parametrize("size", [5, 60])
def test_plan_page_query_count_does_not_grow_with_the_actions(
    plan, organisation, lead, size, django_assert_num_queries
):
    _fill(plan, organisation, size)
    client = client_for(lead)
    client.get(plan_url(plan))  # session and caches warmed
    # Kept: session, person, membership, the plan with its cycle, the data version.
    with django_assert_num_queries(5):  # everything below the buttons as kept (trauma_wales.kept)
        response = client.get(plan_url(plan))
    assert response.content.decode().count('class="govuk-table__row"') == size + 1
    kept_clear()
    with django_assert_num_queries(14):  # built again
        response = client.get(plan_url(plan))
    assert response.content.decode().count('class="govuk-table__row"') == size + 1


@pytest.mark.parametrize("size", [5, 60])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_query_count_does_not_grow_with_the_actions(
    plan, organisation, lead, size, fmt, django_assert_num_queries
):
    _fill(plan, organisation, size)
    client = client_for(lead)
    url = plan_url(plan, "plans:export", fmt=fmt)
    client.get(url)  # recording that download leaves the kept file as it is
    with django_assert_num_queries(6):  # the file as kept (trauma_wales.kept), and the record
        assert client.get(url).status_code == 200
    kept_clear()
    with django_assert_num_queries(9):  # built again
        assert client.get(url).status_code == 200


def test_error_titles_say_error_once(plan, lead, reviewer):
    action = ActionFactory(plan=plan)
    plan.status = PlanStatus.APPROVED
    plan.save()
    detail = client_for(reviewer).post(
        plan_url(plan, "plans:action", action_id=action.pk), {"form": "comment", "body": ""}
    )
    plan.status = PlanStatus.DRAFT
    plan.save()
    suggestions = client_for(lead).post(plan_url(plan, "plans:suggestions"), {"reason": ""})
    for response in (detail, suggestions):
        page = response.content.decode()
        assert "<title>Error:" in page and "Error: Error:" not in page


def test_the_lead_sees_the_changes_asked_for_first_until_the_plan_goes_back(
    plan, organisation, lead, reviewer
):
    in_review(plan, organisation)
    action = plan.actions.get()
    plan.comments.create(author=reviewer, action=action, revision=plan.revision, body="Who?")
    plan_move(
        plan=plan, to_status=PlanStatus.CHANGES_REQUESTED, actor=reviewer, comment="Name a lead."
    )
    page = client_for(lead).get(plan_url(plan)).content.decode()
    banner = page.index("Changes asked for")
    assert banner < page.index("Where the actions are")
    assert f"{reviewer.full_name} asked for changes on" in page
    assert "Name a lead." in page[banner:]
    assert 'href="#action-comments">See the comment on a single action<' in page
    plan_move(plan=plan, to_status=PlanStatus.IN_REVIEW, actor=lead)
    assert "Changes asked for" not in client_for(lead).get(plan_url(plan)).content.decode()


def test_a_suggestion_set_aside_shows_its_reason_on_the_plan_and_suggestions(plan, lead):
    indicator = Indicator.objects.get(framework=plan.cycle.framework, code="policy-01")
    client = client_for(lead)
    client.post(
        plan_url(plan, "plans:suggestions"),
        {"indicator": indicator.pk, "reason": "The new policy covers this already."},
    )
    for page in (plan_url(plan), plan_url(plan, "plans:suggestions")):
        html = client.get(page).content.decode()
        assert "The new policy covers this already." in html
        assert f"Set aside by {lead.full_name} on" in html


def test_a_target_date_in_the_past_is_refused_unless_it_was_already_saved(plan, lead):
    client = client_for(lead)
    yesterday = TODAY - timedelta(days=1)
    refused = client.post(
        plan_url(plan, "plans:action_create"),
        action_post(plan, **date_post("target_date", yesterday)),
    )
    assert "The target date must be today or later" in refused.content.decode()
    assert not Action.objects.exists()

    late = ActionFactory(plan=plan, target_date=yesterday)  # its date passed since it was saved
    edit = plan_url(plan, "plans:action_edit", action_id=late.pk)
    kept = client.post(edit, action_post(plan, version="1", **date_post("target_date", yesterday)))
    assert kept.status_code == 302
    earlier = action_post(plan, version="2", **date_post("target_date", yesterday - timedelta(1)))
    assert "The target date must be today or later" in client.post(edit, earlier).content.decode()
    late.refresh_from_db()
    assert late.target_date == yesterday


def test_the_action_form_offers_its_domain_areas_indicators_first_and_folds_the_rest(plan, lead):
    """Issue 15: 48 checkboxes made the form 7,700 px tall. Each domain area's indicators
    are a disclosure (no JavaScript needed): the action's own area first and open, another
    open only where one of its indicators is chosen."""
    framework = plan.cycle.framework
    policy = Domain.objects.get(framework=framework, code="policy")
    elsewhere = Indicator.objects.filter(framework=framework).exclude(domain=policy).first()
    action = ActionFactory(plan=plan, domain=policy)
    action.indicators.set([elsewhere])
    page = client_for(lead).get(plan_url(plan, "plans:action_edit", action=action.pk))
    html = page.content.decode()

    groups = re.findall(r"<details class=\"govuk-details[^\"]*\"( open)?>\s*<summary[^>]*>\s*"
                        r"<span class=\"govuk-details__summary-text\">([^<(]+)", html)  # fmt: skip
    assert len(groups) == Domain.objects.filter(framework=framework, is_active=True).count()
    assert groups[0] == (" open", policy.name)
    opened = {name.strip() for is_open, name in groups if is_open}
    assert opened == {policy.name, elsewhere.domain.name}
    assert f'value="{elsewhere.pk}" checked' in html

    saved = client_for(lead).post(
        plan_url(plan, "plans:action_edit", action=action.pk),
        {**action_post(plan), "indicators": [elsewhere.pk], "version": action.version},
    )
    assert saved.status_code == 302
    assert list(action.indicators.all()) == [elsewhere]


def test_the_indicators_error_links_to_the_first_indicator_with_every_area_open(plan, lead):
    response = client_for(lead).post(
        plan_url(plan, "plans:action_create"), action_post(plan, indicators=["999999"])
    )
    html = response.content.decode()
    assert '<a href="#id_indicators_1">Choose indicators from the list</a>' in html
    first = Indicator.objects.filter(framework=plan.cycle.framework, is_active=True).order_by(
        "domain__order", "order"
    )[0]
    assert f'id="id_indicators_1" name="indicators" type="checkbox" value="{first.pk}"' in html
    assert "<details" in html and re.search(r'<details class="govuk-details[^"]*">', html) is None


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_suggestion_starts_the_action_with_the_indicators_first_step(plan, lead, language):
    """Issue 15: "Work towards this: <indicator>" was sent in unchanged and sent back. The
    draft is the indicator's first step, in the person's language, marked as a draft."""
    gap = Indicator.objects.get(framework=plan.cycle.framework, code="environment-03")
    client = client_for(lead)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(plan_url(plan, "plans:action_create") + f"?gap={gap.pk}")

    step = gap.first_step_cy if language == "cy" else gap.first_step_en
    assert step and step != gap.text
    form = page.context["form"]
    assert form.initial["description"] == step
    assert form.initial["indicators"] == [gap.pk]
    html = page.content.decode()
    assert (gap.text_cy if language == "cy" else gap.text_en) in html
    assert ".”." not in html


def test_a_dont_know_suggestion_starts_an_action_to_find_out(plan, lead):
    """Issue 16: "Don't know" is shown as something to find out and offered as one."""
    gap = Indicator.objects.get(framework=plan.cycle.framework, code="evaluation-02")
    answer_indicator(org_response(plan.cycle), gap, dont_know=True)
    client = client_for(lead)

    suggestions = client.get(plan_url(plan, "plans:suggestions")).content.decode()
    page = client.get(plan_url(plan, "plans:action_create") + f"?gap={gap.pk}")

    assert "Don't know: something to find out" in suggestions
    initial = page.context["form"].initial
    assert initial["description"] == f"Find out where we stand on this: “{gap.text_en}”"
    assert initial["outcome"].endswith(gap.guidance_en)
    assert initial["indicators"] == [gap.pk]
