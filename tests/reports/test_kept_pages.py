"""Kept pages (trauma_wales.kept: the board report, the results, the plan page below its
buttons, and downloads) show any change made through a service on the next request: an
answer, an action, a review step. Run on both databases, as the suite is."""

from datetime import date

import pytest
from django.core.cache import caches
from django.urls import reverse

from action_plans.models import PlanStatus
from action_plans.services import action_save, plan_move
from assessments.selectors.questionnaire import section_revision
from assessments.services.answers import IndicatorInput, domain_answers_save
from framework.models import Domain
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.assessments.factories import CycleFactory, indicator, org_response
from tests.assessments.factories import submitted_cycle as make_submitted
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def page(client, cycle, name="reports:report") -> str:
    url = reverse(name, args=[cycle.organisation.slug, cycle.pk])
    return client.get(url).content.decode()


def main(html: str) -> str:
    """The page's own content, without what changes on every request (nonce, CSRF token)."""
    return html[html.index("<main") : html.index("</main>")]


def plan_csv(client, cycle) -> str:
    url = reverse("plans:export", args=[cycle.organisation.slug, cycle.pk, "csv"])
    return b"".join(client.get(url).streaming_content).decode("utf-8-sig")


def test_a_saved_answer_shows_on_the_next_request(organisation, lead, framework_content):
    cycle = CycleFactory(organisation=organisation)
    client = client_for(lead)
    assert "Letters rewritten in plain words" not in page(client, cycle)
    results_before = main(page(client, cycle, "assessments:results"))
    response = org_response(cycle)
    domain = Domain.objects.get(framework=cycle.framework, code="policy")
    revision = section_revision(response=response, section="policy")
    domain_answers_save(
        response=response,
        domain=domain,
        answers={
            indicator(cycle.framework, "policy-01").pk: IndicatorInput(
                score=3, evidence="Letters rewritten in plain words"
            )
        },
        expected_revision=revision.revision if revision else 0,
        actor=lead,
    )
    assert "Letters rewritten in plain words" in page(client, cycle)
    assert main(page(client, cycle, "assessments:results")) != results_before


def test_an_edited_action_and_an_approval_show_on_the_next_request(
    organisation, lead, reviewer, framework_content
):
    cycle = make_submitted(organisation, year=2025)
    plan = PlanFactory(cycle=cycle, status=PlanStatus.DRAFT)
    action = ActionFactory(plan=plan, description="Train the reception team")
    client = client_for(reviewer)
    before = page(client, cycle)
    assert "Train the reception team" in before and "Approved by" not in before
    assert "Train the reception team" in plan_csv(client, cycle)
    assert "Train the reception team" in page(client, cycle, "plans:plan")

    values = {
        "description": "Train every receptionist by March",
        "target_date": date(2027, 3, 31),
        "outcome": action.outcome,
        "domain": action.domain,
        "responsible_other": "Reception manager",
        "responsible_member": None,
        "resources": "",
        "priority": action.priority,
        "principles": [],
    }
    action_save(
        plan=plan, actor=lead, values=values, action=action, expected_version=action.version
    )
    edited = page(client, cycle)
    assert "Train every receptionist by March" in edited
    assert "Train the reception team" not in edited
    assert "Train every receptionist by March" in plan_csv(client, cycle)
    assert "Train every receptionist by March" in page(client, cycle, "plans:plan")

    plan.refresh_from_db()
    plan_move(plan=plan, to_status=PlanStatus.IN_REVIEW, actor=lead)
    plan_move(plan=plan, to_status=PlanStatus.APPROVED, actor=reviewer)
    assert f"Approved by {reviewer.full_name}" in page(client, cycle)


def test_kept_pages_have_a_cache_of_their_own(organisation, lead, framework_content):
    """Culling the kept pages' entries must never throw out the rate limits' counters."""
    from trauma_wales.settings import base

    assert base.CACHES["kept"]["LOCATION"] != base.CACHES["default"]["LOCATION"]
    page(client_for(lead), CycleFactory(organisation=organisation))
    assert caches["kept"]._cache
    assert not [key for key in caches["default"]._cache if "kept:" in key]


def test_the_kept_plan_page_holds_nobodys_forms(organisation, lead, reviewer, framework_content):
    """The plan's kept body is built for whoever asks first; each reader's own forms (the
    review form, the comment form, with their CSRF tokens) are put in after."""
    cycle = make_submitted(organisation, year=2025)
    plan = PlanFactory(cycle=cycle, status=PlanStatus.IN_REVIEW)
    ActionFactory(plan=plan, description="Train the reception team")
    lead_page = page(client_for(lead), cycle, "plans:plan")
    reviewer_page = page(client_for(reviewer), cycle, "plans:plan")

    assert "Train the reception team" in lead_page
    assert "Train the reception team" in reviewer_page
    assert 'id="review"' not in lead_page
    assert 'id="review"' in reviewer_page
    assert "<!-- plan:" not in lead_page + reviewer_page
    kept_entries = [str(value) for value in caches["kept"]._cache.values()]
    assert any("Train the reception team" in entry for entry in kept_entries)
    assert not any("csrfmiddlewaretoken" in entry for entry in kept_entries)


def test_report_options_are_kept_only_without_errors(organisation, lead, framework_content):
    cycle = make_submitted(organisation, year=2025)
    client = client_for(lead)
    url = reverse("reports:report", args=[organisation.slug, cycle.pk])
    assert "govuk-error-message" not in client.get(url).content.decode()
    refused = client.get(url, {"version": "everything", "language": "fr"}).content.decode()
    assert "Choose the board summary or the full report" in refused
    assert "Choose English or Welsh" in refused
    assert "govuk-error-message" not in client.get(url).content.decode()
    summary = client.get(url, {"version": "summary", "language": "cy"}).content.decode()
    assert "version=summary&amp;language=cy" in summary


@pytest.mark.parametrize("first", ["lead", "board"])
def test_the_kept_results_page_offers_targets_only_to_those_who_may_set_them(
    organisation, lead, board, framework_content, first
):
    cycle = make_submitted(organisation, year=2025)
    url = reverse("assessments:results", args=[organisation.slug, cycle.pk])
    link = "Set target levels for the next assessment"
    readers = {"lead": lead, "board": board}
    order = [first, *(who for who in readers if who != first)]

    pages = {who: client_for(readers[who]).get(url).content.decode() for who in order}

    assert link in pages["lead"]
    assert link not in pages["board"]
