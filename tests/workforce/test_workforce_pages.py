"""Workforce pages as people use them: the figures and change shown, forms refusing bad
input with a GOV.UK error summary and nothing saved (never a server error), where a gap's
"Plan an action" link goes, the draft action it opens, and the practice level pages."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from action_plans.models import Action, PlanStatus
from assessments.models import CycleStatus
from framework.models import FrameworkVersion, PracticeLevel
from tests.accounts.factories import UserFactory
from tests.action_plans.factories import PlanFactory
from tests.assessments.factories import CycleFactory
from tests.conftest import client_for
from tests.organisations.factories import MembershipFactory
from tests.workforce.factories import group_with_needs, level
from trauma_wales.permissions import Role
from workforce.models import CoverageSnapshot, StaffGroup, StaffGroupNeed
from workforce.services import staff_group_save, training_record

pytestmark = pytest.mark.django_db


def coverage_url(organisation):
    return reverse("workforce:coverage", args=[organisation.slug])


def text_of(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_empty_page_invites_the_lead_to_add_a_group(organisation, lead_client):
    page = text_of(lead_client.get(coverage_url(organisation)))
    assert "No staff groups have been recorded yet." in page
    assert "Add a staff group" in page
    assert "Training coverage by practice level" not in page


def add_group(organisation, lead, name, headcount, codes, day):
    return staff_group_save(
        organisation=organisation,
        actor=lead,
        name=name,
        description="",
        headcount=headcount,
        level_ids=[level(code).pk for code in codes],
        today=day,
    )


def count(group, lead, day, **trained):
    training_record(
        group=group,
        actor=lead,
        trained={level(code).pk: number for code, number in trained.items()},
        counted_on=day,
        expected_version=StaffGroup.objects.get(pk=group.pk).version,
        today=day,
    )


def test_page_shows_coverage_by_level_overall_and_change_since_the_previous_snapshot(
    organisation, lead
):
    first, second = date(2025, 10, 1), date(2026, 3, 1)
    reception = add_group(organisation, lead, "Reception", 10, ["aware", "skilled"], first)
    officers = add_group(
        organisation, lead, "Housing officers", 20, ["aware", "skilled", "enhanced"], first
    )
    count(reception, lead, first, aware=4, skilled=1)
    count(officers, lead, first, aware=10, skilled=2, enhanced=0)
    count(reception, lead, second, aware=8, skilled=3)
    count(officers, lead, second, aware=20, skilled=5, enhanced=2)

    page = text_of(client_for(lead).get(coverage_url(organisation)))
    # now: aware 28/30 = 93%, skilled 8/30 = 27%, enhanced 2/20 = 10%; overall 38/80 = 48%
    # then: aware 14/30 = 47%, skilled 3/30 = 10%, enhanced 0/20 = 0%; overall 17/80 = 21%
    assert "48% of training needs are met: 38 of 80." in page
    assert "2 staff groups, with 30 people in all." in page
    assert "Figures last changed on 1 March 2026." in page
    assert "Change since the previous snapshot (1 October 2025): +27 points (was 21%)." in page
    assert "Trauma-aware 30 28 93% 2 47% +46" in page
    assert "Trauma-skilled 30 8 27% 22 10% +17" in page
    assert "Trauma-enhanced 20 2 10% 18 0% +10" in page
    assert "Specialist interventions 0 0 \u2013 0 \u2013 \u2013" in page  # no percentage
    assert "All levels 80 38 48% 42 21% +27" in page
    assert "Housing officers Trauma-enhanced 20 2 18" in page
    assert "8 of 10 trained (80%) Counted on 1 March 2026" in page
    assert "Black line: coverage in the previous snapshot (1 October 2025)" in page


def test_chart_has_a_text_alternative_and_a_bar_per_level(organisation, lead_client):
    group_with_needs(organisation, headcount=4, trained={"aware": 1})
    html = lead_client.get(coverage_url(organisation)).content.decode()
    assert 'role="img" aria-labelledby="coverage-chart-title coverage-chart-desc"' in html
    assert "The same figures are in the table below the chart." in html
    assert 'width="100.0" height="20" fill="#1d70b8"' in html  # the bar: 25% of 400
    assert "No group needs this level" in html


def test_a_group_with_nobody_in_it_is_shown_without_a_percentage(organisation, lead_client):
    group_with_needs(organisation, name="New outreach team", headcount=0, trained={"aware": 0})
    page = text_of(lead_client.get(coverage_url(organisation)))
    assert "No one in the group yet" in page
    assert "There are no training needs to count yet" in page
    assert "Everyone in your staff groups is trained" in page


def post_group(client, organisation, **overrides):
    data = {
        "name": "Housing officers",
        "description": "Officers who visit tenants at home",
        "headcount": "12",
        "levels": [str(level("aware").pk), str(level("skilled").pk)],
    }
    data.update(overrides)
    return client.post(reverse("workforce:group_create", args=[organisation.slug]), data)


def test_adding_a_group_leads_on_to_its_training_figures(organisation, lead_client):
    response = post_group(lead_client, organisation)
    group = StaffGroup.objects.get()
    assert response["Location"] == reverse("workforce:training", args=[organisation.slug, group.pk])
    page = text_of(lead_client.get(response["Location"]))
    assert "Housing officers added. Now record how many people are trained." in page
    assert "There are 12 people in this group." in page
    assert "Number trained to Trauma-skilled" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter the name of the staff group"),
        ({"name": "x" * 121}, "The name must be 120 characters or fewer"),
        ({"description": "x" * 301}, "The description must be 300 characters or fewer"),
        ({"headcount": ""}, "Enter the number of people in the group"),
        ({"headcount": "-3"}, "The number of people must be from 0 to 1,000,000"),
        ({"headcount": "12.5"}, "The number of people must be a whole number, like 12"),
        ({"headcount": "99999999999999999999"}, "The number of people must be from 0"),
        ({"levels": []}, "Choose at least one practice level this group needs"),
        ({"levels": ["999999"]}, "Choose practice levels from the list"),
        ({"levels": ["aware"]}, "Choose practice levels from the list"),
    ],
    ids=[
        "no name",
        "long name",
        "long description",
        "no headcount",
        "negative",
        "decimal",
        "huge",
        "no levels",
        "tampered level id",
        "not an id",
    ],
)
def test_bad_group_details_show_an_error_summary_and_save_nothing(
    organisation, lead_client, overrides, message
):
    response = post_group(lead_client, organisation, **overrides)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error:" in html
    assert "govuk-error-summary" in html
    assert message in html
    assert not StaffGroup.objects.exists()
    assert not CoverageSnapshot.objects.exists()


def test_a_duplicate_name_is_refused_on_the_name_field(organisation, lead_client):
    post_group(lead_client, organisation)
    response = post_group(lead_client, organisation, name="housing officers ")
    assert response.status_code == 200
    assert "There is already a staff group called “housing officers”." in text_of(response)
    assert StaffGroup.objects.count() == 1


def test_text_is_escaped(organisation, lead_client):
    post_group(lead_client, organisation, name="<script>alert(1)</script>")
    html = lead_client.get(coverage_url(organisation)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.fixture
def group(organisation):
    return group_with_needs(
        organisation, name="Housing officers", headcount=12, trained={"aware": 6, "skilled": 1}
    )


def training_data(**overrides):
    data = {
        "version": "1",  # the `group` fixture's, built directly
        f"trained-{level('aware').pk}": "10",
        f"trained-{level('skilled').pk}": "4",
        "counted_on_0": "1",
        "counted_on_1": "3",
        "counted_on_2": "2026",
    }
    data.update(overrides)
    return data


def test_training_figures_are_saved_with_their_date(organisation, group, lead_client):
    url = reverse("workforce:training", args=[organisation.slug, group.pk])
    response = lead_client.post(url, training_data())
    assert response["Location"] == coverage_url(organisation)
    assert sorted(group.needs.values_list("trained", "counted_on")) == [
        (4, date(2026, 3, 1)),
        (10, date(2026, 3, 1)),
    ]


TOMORROW = timezone.localdate() + timedelta(days=1)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"aware": "13"}, "The number trained to Trauma-aware cannot be more than the 12 people"),
        ({"aware": "-1"}, "The number trained to Trauma-aware must be from 0 to 12"),
        ({"skilled": "four"}, "The number trained to Trauma-skilled must be a whole number"),
        ({"skilled": ""}, "Enter the number trained to Trauma-skilled, or 0"),
        ({"counted_on_1": "13"}, "The date of the count must be a real date"),
        ({"counted_on_2": ""}, "Enter the date of the count"),
        (
            {
                "counted_on_0": str(TOMORROW.day),
                "counted_on_1": str(TOMORROW.month),
                "counted_on_2": str(TOMORROW.year),
            },
            "The date of the count must be today or in the past",
        ),
    ],
    ids=["above headcount", "negative", "words", "blank", "bad month", "no year", "future"],
)
def test_bad_training_figures_show_an_error_summary_and_save_nothing(
    organisation, group, lead_client, overrides, message
):
    data = training_data()
    for key, value in overrides.items():
        name = f"trained-{level(key).pk}" if key in ("aware", "skilled") else key
        data[name] = value
    response = lead_client.post(
        reverse("workforce:training", args=[organisation.slug, group.pk]), data
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and "<title>Error:" in html
    assert message in html
    assert sorted(group.needs.values_list("trained", flat=True)) == [1, 6]


def test_a_tampered_level_in_the_training_form_is_ignored(organisation, group, lead_client):
    """Only the fields for the group's own levels are read; an extra one changes nothing."""
    extra = {f"trained-{level('specialist').pk}": "5"}
    response = lead_client.post(
        reverse("workforce:training", args=[organisation.slug, group.pk]),
        training_data(**extra),
    )
    assert response["Location"] == coverage_url(organisation)
    assert sorted(group.needs.values_list("level__code", "trained")) == [
        ("aware", 10),
        ("skilled", 4),
    ]
    assert not StaffGroupNeed.objects.filter(level=level("specialist")).exists()


def test_lowering_the_headcount_below_a_count_explains_what_to_do(organisation, group, lead_client):
    response = lead_client.post(
        reverse("workforce:group_edit", args=[organisation.slug, group.pk]),
        {"name": group.name, "headcount": "5", "levels": [str(level("aware").pk)], "version": "1"},
    )
    assert response.status_code == 200
    assert "6 people in this group are recorded as trained to Trauma-aware" in text_of(response)
    group.refresh_from_db()
    assert group.headcount == 12


def test_removing_a_group_asks_first_then_removes_it(organisation, group, lead_client):
    url = reverse("workforce:group_delete", args=[organisation.slug, group.pk])
    assert "Remove Housing officers?" in text_of(lead_client.get(url))
    assert StaffGroup.objects.exists()
    response = lead_client.post(url, {"version": "1"})
    assert response["Location"] == coverage_url(organisation)
    assert not StaffGroup.objects.exists()


# Where "Plan an action" goes


def gap_link(organisation, cycle, group, code):
    return (
        reverse("plans:action_create", args=[organisation.slug, cycle.pk])
        + f"?level={level(code).pk}&amp;group={group.pk}"
    )


def test_gaps_link_to_a_draft_action_in_the_latest_plan(organisation, group, lead_client):
    submitted = {"organisation": organisation, "status": CycleStatus.SUBMITTED}
    older = PlanFactory(cycle=CycleFactory(year=2025, **submitted)).cycle
    latest = PlanFactory(cycle=CycleFactory(year=2026, **submitted)).cycle
    CycleFactory(organisation=organisation, year=2027)  # newest cycle, but no plan yet
    html = lead_client.get(coverage_url(organisation)).content.decode()
    assert gap_link(organisation, latest, group, "aware") in html
    assert gap_link(organisation, latest, group, "skilled") in html
    assert str(older.pk) not in re.findall(r"/assessments/(\d+)/plan/actions/new/", html)
    assert "Nothing is saved until you check it and choose Save action." in text_of(
        lead_client.get(coverage_url(organisation))
    )


def test_without_a_plan_the_lead_is_told_how_to_create_one(organisation, group, lead_client):
    page = lead_client.get(coverage_url(organisation)).content.decode()
    assert "start an assessment and create its action plan" in page
    assert reverse("assessments:start", args=[organisation.slug]) in page
    cycle = CycleFactory(organisation=organisation, year=2026)
    page = lead_client.get(coverage_url(organisation)).content.decode()
    assert "first create the action plan for the assessment" in page
    assert reverse("plans:create", args=[organisation.slug, cycle.pk]) in page
    assert "actions/new/" not in page


def test_a_plan_with_a_reviewer_or_approved_cannot_take_actions(organisation, group, lead_client):
    plan = PlanFactory(cycle=CycleFactory(organisation=organisation), status=PlanStatus.APPROVED)
    page = lead_client.get(coverage_url(organisation)).content.decode()
    assert "so actions cannot be added to it now" in page
    assert reverse("plans:plan", args=[organisation.slug, plan.cycle.pk]) in page
    assert "actions/new/" not in page


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.BOARD])
def test_readers_see_the_gaps_without_plan_links(organisation, group, member_for_role, role):
    PlanFactory(cycle=CycleFactory(organisation=organisation))
    page = client_for(member_for_role(role)).get(coverage_url(organisation)).content.decode()
    assert "Gaps by staff group" in page
    assert "actions/new/" not in page and "Plan an action" not in page


# The draft action a gap opens


@pytest.fixture
def plan(organisation):
    return PlanFactory(
        cycle=CycleFactory(organisation=organisation, year=2026), period_end=date(2027, 3, 31)
    )


def action_form(client, plan, **params):
    url = reverse("plans:action_create", args=[plan.cycle.organisation.slug, plan.cycle.pk])
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return client.get(f"{url}?{query}")


def test_a_gap_opens_a_prefilled_draft_and_saves_nothing_until_confirmed(plan, group, lead_client):
    response = action_form(lead_client, plan, level=level("skilled").pk, group=group.pk)
    assert response.status_code == 200
    form = response.context["form"]
    workforce = plan.cycle.framework.domains.get(code="workforce")
    assert form.initial["domain"] == workforce.pk
    assert form.initial["practice_levels"] == [level("skilled").pk]
    assert form.initial["target_date"] == date(2027, 3, 31)
    assert form.initial["description"] == (
        "Arrange Trauma-skilled training for the Housing officers group"
    )
    assert form.initial["outcome"] == (
        "11 more people trained to Trauma-skilled in the Housing officers group by 31 March 2027"
    )
    page = text_of(response)
    assert "11 people in the Housing officers group still need Trauma-skilled training" in page
    assert not Action.objects.exists()
    back = reverse("workforce:coverage", args=[plan.cycle.organisation.slug])
    assert f'href="{back}" class="govuk-back-link"' in response.content.decode()


def test_the_prefilled_draft_saves_as_an_ordinary_action(plan, group, lead_client):
    response = action_form(lead_client, plan, level=level("aware").pk, group=group.pk)
    initial = response.context["form"].initial
    url = reverse("plans:action_create", args=[plan.cycle.organisation.slug, plan.cycle.pk])
    target = initial["target_date"]
    lead_client.post(
        f"{url}?level={level('aware').pk}&group={group.pk}",
        {
            "description": initial["description"],
            "outcome": initial["outcome"],
            "resources": initial["resources"],
            "responsible_other": "Learning and development team",
            "target_date_0": target.day,
            "target_date_1": target.month,
            "target_date_2": target.year,
            "domain": initial["domain"],
            "priority": "medium",
            "practice_levels": initial["practice_levels"],
        },
    )
    action = Action.objects.get()
    assert action.domain.code == "workforce"
    assert [lvl.code for lvl in action.practice_levels.all()] == ["aware"]
    assert action.outcome.startswith("6 more people trained to Trauma-aware")


@pytest.mark.parametrize(
    "params",
    [
        {"level": "abc", "group": "1"},
        {"level": "", "group": ""},
        {"level": "99999999999999999999", "group": "1"},
        {"level": "specialist", "group": "the group"},
        {"level": "\u00b2", "group": "1"},  # a digit (str.isdigit) that int() refuses
    ],
    ids=["not a number", "blank", "huge", "words", "superscript"],
)
def test_bad_gap_parameters_give_an_empty_form_not_an_error(plan, group, lead_client, params):
    response = action_form(lead_client, plan, **params)
    assert response.status_code == 200
    assert "description" not in response.context["form"].initial


def test_gaps_that_are_not_this_organisations_or_not_gaps_are_not_prefilled(
    plan, group, lead_client, other_organisation
):
    foreign = group_with_needs(other_organisation, headcount=9, trained={"aware": 0})
    full = group_with_needs(plan.cycle.organisation, headcount=3, trained={"aware": 3})
    for group_id, code in [
        (foreign.pk, "aware"),  # another organisation's group
        (group.pk, "specialist"),  # a level the group does not need
        (full.pk, "aware"),  # everyone trained: no gap
    ]:
        response = action_form(lead_client, plan, level=level(code).pk, group=group_id)
        assert response.status_code == 200
        assert "description" not in response.context["form"].initial
        assert "Suggested from workforce" not in response.content.decode()


# Practice level reference pages


def test_level_page_lists_its_indicators_and_your_workforce_pages(organisation, lead):
    other_membership = MembershipFactory(user=lead, role=Role.CONTRIBUTOR)
    page = text_of(client_for(lead).get(reverse("framework:practice_level", args=["specialist"])))
    assert "Who it is for" in page and "What good looks like" in page
    assert "In the self-assessment" in page
    assert re.search(r"\d+ indicators in the self-assessment concern this level", page)
    html = client_for(lead).get(reverse("framework:practice_level", args=["specialist"]))
    html = html.content.decode()
    assert reverse("workforce:coverage", args=[organisation.slug]) in html
    assert reverse("workforce:coverage", args=[other_membership.organisation.slug]) not in html


def test_level_page_for_someone_without_an_organisation_has_no_workforce_links():
    html = client_for(UserFactory()).get(reverse("framework:practice_level", args=["aware"]))
    assert not re.search(r"/o/[^/]+/workforce/", html.content.decode())


def test_framework_index_links_to_every_level_page(lead_client):
    html = lead_client.get(reverse("framework:index")).content.decode()
    for code in ("aware", "skilled", "enhanced", "specialist"):
        assert reverse("framework:practice_level", args=[code]) in html


def test_workforce_page_works_in_welsh(organisation, group, lead_client):
    lead_client.post(reverse("set_language"), {"language": "cy", "next": "/"})
    response = lead_client.get(coverage_url(organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="cy"' in html
    assert "Ymwybodol o drawma" in html
    assert "Trauma-aware" not in html
    # a level name without Welsh is shown in English and marked so (the language
    # switcher's own lang="en" is on every Welsh page, so it proves nothing)
    PracticeLevel.objects.filter(code="aware").update(name_cy="")
    FrameworkVersion.objects.update(content_hash="reloaded")  # as loading the file does
    html = lead_client.get(coverage_url(organisation)).content.decode()
    assert '<span lang="en">Trauma-aware</span>' in html
