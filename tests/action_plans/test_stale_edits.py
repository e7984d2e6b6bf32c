"""Two people changing the same action: the first save wins, the second is refused with
what is saved now and the person's own text kept, and saving again on purpose works.
Removing an action someone changed since the page was loaded is refused the same way."""

import re

import pytest

from action_plans.models import Action
from action_plans.services import ACTION_CHANGED, ACTION_GONE, action_delete, action_save
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.action_plans.test_plan_pages import (  # noqa: F401 (an autouse fixture)
    a_day_inside_the_plan,
    action_post,
    plan_url,
)
from tests.action_plans.test_services import good_input
from tests.conftest import client_for
from trauma_wales.errors import DomainError
from trauma_wales.models import AuditEntry
from trauma_wales.versions import BAD_VERSION, StaleEdit

pytestmark = pytest.mark.django_db

CHANGED = "This action was changed after you opened it."


@pytest.fixture
def plan(organisation):
    return PlanFactory(cycle__organisation=organisation)


@pytest.fixture
def second_lead(member_for_role):
    return member_for_role("lead")


def hidden_version(page: str) -> str:
    return re.search(r'name="version" value="([^"]*)"', page).group(1)


def test_the_first_save_wins_and_the_second_is_refused(plan, lead, second_lead):
    action = ActionFactory(plan=plan, description="As it was")
    loaded = action.version  # both people open the form at this version
    first = action_save(
        plan=plan,
        actor=lead,
        action=action,
        expected_version=loaded,
        values=good_input(plan, description="Anwen's words"),
    )
    assert (first.version, first.edited_by) == (loaded + 1, lead)

    with pytest.raises(StaleEdit) as stale:
        action_save(
            plan=plan,
            actor=second_lead,
            action=Action.objects.get(pk=action.pk),
            expected_version=loaded,
            values=good_input(plan, description="Bryn's words"),
        )

    assert stale.value.message == ACTION_CHANGED
    assert stale.value.current.description == "Anwen's words"
    stored = Action.objects.get(pk=action.pk)
    assert (stored.description, stored.version, stored.edited_by) == (
        "Anwen's words",
        loaded + 1,
        lead,
    )
    assert AuditEntry.objects.filter(action="action.updated").count() == 1


def test_saving_again_at_the_new_version_is_accepted(plan, lead, second_lead):
    action = ActionFactory(plan=plan)
    action_save(
        plan=plan,
        actor=lead,
        action=action,
        expected_version=1,
        values=good_input(plan, description="First"),
    )
    saved = action_save(
        plan=plan,
        actor=second_lead,
        action=action,
        expected_version=2,
        values=good_input(plan, description="Second, having seen the first"),
    )
    assert (saved.version, Action.objects.get(pk=action.pk).description) == (
        3,
        "Second, having seen the first",
    )


def test_a_change_without_a_version_is_refused(plan, lead):
    action = ActionFactory(plan=plan, description="As it was")
    with pytest.raises(DomainError) as refused:
        action_save(plan=plan, actor=lead, action=action, values=good_input(plan))
    assert refused.value.message == BAD_VERSION
    assert Action.objects.get(pk=action.pk).description == "As it was"


def test_a_new_action_starts_at_version_1_with_who_saved_it(plan, lead):
    action = action_save(plan=plan, actor=lead, values=good_input(plan))
    action.refresh_from_db()
    assert (action.version, action.edited_by) == (1, lead)
    assert action.edited_at is not None


def test_removing_an_action_changed_since_is_refused(plan, lead, second_lead):
    action = ActionFactory(plan=plan, description="As it was")
    action_save(
        plan=plan,
        actor=lead,
        action=action,
        expected_version=1,
        values=good_input(plan, description="Changed"),
    )
    with pytest.raises(StaleEdit):
        action_delete(action=action, actor=second_lead, expected_version=1)
    assert Action.objects.filter(pk=action.pk).exists()
    action_delete(action=action, actor=second_lead, expected_version=2)
    assert not Action.objects.filter(pk=action.pk).exists()


def test_changing_an_action_removed_meanwhile_says_so(plan, lead, second_lead):
    action = ActionFactory(plan=plan)
    stale_copy = Action.objects.get(pk=action.pk)
    action_delete(action=action, actor=lead, expected_version=1)
    with pytest.raises(DomainError) as refused:
        action_save(
            plan=plan,
            actor=second_lead,
            action=stale_copy,
            expected_version=1,
            values=good_input(plan),
        )
    assert refused.value.message == ACTION_GONE
    assert not Action.objects.exists()


# The pages


def test_the_second_person_sees_both_versions_and_can_save_again(plan, lead, second_lead):
    action = ActionFactory(plan=plan, description="As it was")
    url = plan_url(plan, "plans:action_edit", action_id=action.pk)
    anwen, bryn = client_for(lead), client_for(second_lead)
    version_a = hidden_version(anwen.get(url).content.decode())
    version_b = hidden_version(bryn.get(url).content.decode())
    assert version_a == version_b == "1"

    saved = anwen.post(url, action_post(plan, description="Anwen's plain words", version=version_a))
    assert saved.status_code == 302
    refused = bryn.post(url, action_post(plan, description="Bryn's kind words", version=version_b))

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "<title>Error:" in page
    assert "There is a problem" in page and CHANGED in page
    assert "What is saved now" in page
    assert f"Saved by {lead.full_name} on" in page
    assert "Anwen&#x27;s plain words" in page  # theirs, in the summary
    assert "Bryn&#x27;s kind words</textarea>" in page  # his own, still in the form
    assert hidden_version(page) == "2"
    assert Action.objects.get(pk=action.pk).description == "Anwen's plain words"

    again = bryn.post(url, action_post(plan, description="Bryn's kind words", version="2"))
    assert again.status_code == 302
    stored = Action.objects.get(pk=action.pk)
    assert (stored.description, stored.version, stored.edited_by) == (
        "Bryn's kind words",
        3,
        second_lead,
    )


def test_the_same_person_in_two_tabs_is_told_it_was_them(plan, lead):
    action = ActionFactory(plan=plan)
    url = plan_url(plan, "plans:action_edit", action_id=action.pk)
    client = client_for(lead)
    client.post(url, action_post(plan, description="From the first tab", version="1"))
    page = client.post(url, action_post(plan, description="Second tab", version="1"))
    assert "Saved by you on" in page.content.decode()


@pytest.mark.parametrize("version", ["", "²", "١٢", "9" * 20, "0", "-1", "<script>"])
def test_a_bad_hidden_version_is_an_error_on_the_page_and_saves_nothing(plan, lead, version):
    action = ActionFactory(plan=plan, description="As it was")
    response = client_for(lead).post(
        plan_url(plan, "plans:action_edit", action_id=action.pk),
        action_post(plan, description="Changed", version=version),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "part of it was missing" in page
    assert Action.objects.get(pk=action.pk).description == "As it was"


def test_a_new_action_needs_no_version(plan, lead):
    response = client_for(lead).post(plan_url(plan, "plans:action_create"), action_post(plan))
    assert response.status_code == 302


def test_removing_a_changed_action_shows_it_and_removing_again_works(plan, lead, second_lead):
    action = ActionFactory(plan=plan, description="As it was")
    remove = plan_url(plan, "plans:action_delete", action_id=action.pk)
    bryn = client_for(second_lead)
    assert hidden_version(bryn.get(remove).content.decode()) == "1"
    client_for(lead).post(
        plan_url(plan, "plans:action_edit", action_id=action.pk),
        action_post(plan, description="Changed by Anwen", version="1"),
    )

    refused = bryn.post(remove, {"version": "1"})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "so it has not been removed" in page
    assert "What is saved now" in page and "Changed by Anwen" in page
    assert hidden_version(page) == "2"
    assert Action.objects.filter(pk=action.pk).exists()

    assert bryn.post(remove, {"version": "2"}).status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()
