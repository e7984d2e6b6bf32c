"""Two people changing the same staff group (its details or its training figures): the
first save wins, the second is refused with what is saved now and the person's own figures
kept, and saving again on purpose works. The details and the figures share one version, so
each form must have seen the other's last save; a changed group is not removed unseen."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.workforce.factories import group_with_needs, level
from trauma_wales.errors import DomainError
from trauma_wales.versions import StaleEdit
from workforce.models import StaffGroup
from workforce.services import (
    GROUP_CHANGED,
    GROUP_GONE,
    TRAINING_CHANGED,
    staff_group_delete,
    staff_group_save,
    training_record,
)

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)


@pytest.fixture
def group(organisation):
    return group_with_needs(
        organisation, name="Housing officers", headcount=12, trained={"aware": 6, "skilled": 1}
    )


@pytest.fixture
def second_lead(member_for_role):
    return member_for_role("lead")


def details(**changes):
    values = {
        "name": "Housing officers",
        "description": "",
        "headcount": 12,
        "level_ids": [level("aware").pk, level("skilled").pk],
    }
    return {**values, **changes}


def figures(aware, skilled):
    return {level("aware").pk: aware, level("skilled").pk: skilled}


def hidden_version(page: str) -> str:
    return re.search(r'name="version" value="([^"]*)"', page).group(1)


def count(group, actor, trained, version):
    """Record training figures counted on DAY, over the group as it was at `version`."""
    return training_record(
        group=group,
        actor=actor,
        trained=trained,
        counted_on=DAY,
        expected_version=version,
        today=DAY,
    )


def test_the_first_change_to_a_group_wins_and_the_second_is_refused(
    organisation, group, lead, second_lead
):
    saved = staff_group_save(
        organisation=organisation,
        actor=lead,
        group=group,
        expected_version=1,
        today=DAY,
        **details(headcount=14),
    )
    assert (saved.version, saved.edited_by) == (2, lead)
    with pytest.raises(StaleEdit) as stale:
        staff_group_save(
            organisation=organisation,
            actor=second_lead,
            group=group,
            expected_version=1,
            today=DAY,
            **details(headcount=20),
        )
    assert stale.value.message == GROUP_CHANGED and stale.value.current.headcount == 14
    stored = StaffGroup.objects.get(pk=group.pk)
    assert (stored.headcount, stored.version, stored.edited_by) == (14, 2, lead)


def test_training_figures_over_a_change_not_seen_are_refused(group, lead, second_lead):
    count(group, lead, figures(8, 2), 1)
    with pytest.raises(StaleEdit) as stale:
        count(group, second_lead, figures(3, 3), 1)
    assert stale.value.message == TRAINING_CHANGED
    assert sorted(group.needs.values_list("trained", flat=True)) == [2, 8]
    assert StaffGroup.objects.get(pk=group.pk).version == 2


def test_details_and_figures_share_one_version(organisation, group, lead, second_lead):
    """Unticking a level removes its figures: details loaded before a count are refused."""
    count(group, lead, figures(8, 2), 1)
    with pytest.raises(StaleEdit):
        staff_group_save(
            organisation=organisation,
            actor=second_lead,
            group=group,
            expected_version=1,
            today=DAY,
            **details(level_ids=[level("aware").pk]),
        )
    assert sorted(group.needs.values_list("trained", flat=True)) == [2, 8]


def test_a_changed_group_is_not_removed_and_a_removed_one_cannot_be_changed(
    organisation, group, lead, second_lead
):
    staff_group_save(
        organisation=organisation,
        actor=lead,
        group=group,
        expected_version=1,
        today=DAY,
        **details(name="Tenancy officers"),
    )
    with pytest.raises(StaleEdit):
        staff_group_delete(group=group, actor=second_lead, expected_version=1, today=DAY)
    assert StaffGroup.objects.filter(pk=group.pk).exists()
    staff_group_delete(group=group, actor=second_lead, expected_version=2, today=DAY)
    with pytest.raises(DomainError) as gone:
        count(group, lead, figures(1, 1), 2)
    assert gone.value.message == GROUP_GONE


# The pages


def test_the_second_person_sees_the_saved_group_and_can_save_again(
    organisation, group, lead, second_lead
):
    url = reverse("workforce:group_edit", args=[organisation.slug, group.pk])
    anwen, bryn = client_for(lead), client_for(second_lead)
    assert hidden_version(anwen.get(url).content.decode()) == "1"
    assert hidden_version(bryn.get(url).content.decode()) == "1"
    levels = [str(level("aware").pk), str(level("skilled").pk)]
    form = {"description": "", "levels": levels, "version": "1"}
    assert anwen.post(url, {**form, "name": "Tenancy officers", "headcount": "14"}).status_code == (
        302
    )

    refused = bryn.post(url, {**form, "name": "Housing team", "headcount": "20"})
    page = refused.content.decode()
    assert refused.status_code == 200 and "<title>Error:" in page
    assert "This staff group was changed after you opened it." in page
    assert f"Saved by {lead.full_name} on" in page
    assert "Tenancy officers" in page and ">14</dd>" in page  # theirs
    assert 'value="Housing team"' in page and 'value="20"' in page  # his own
    assert hidden_version(page) == "2"

    again = bryn.post(url, {**form, "name": "Housing team", "headcount": "20", "version": "2"})
    assert again.status_code == 302
    assert StaffGroup.objects.get(pk=group.pk).name == "Housing team"


def test_the_second_count_shows_the_saved_figures_and_date(organisation, group, lead, second_lead):
    url = reverse("workforce:training", args=[organisation.slug, group.pk])
    anwen, bryn = client_for(lead), client_for(second_lead)

    def count(client, aware, skilled, version):
        return client.post(
            url,
            {
                f"trained-{level('aware').pk}": aware,
                f"trained-{level('skilled').pk}": skilled,
                "counted_on_0": "1",
                "counted_on_1": "3",
                "counted_on_2": "2026",
                "version": version,
            },
        )

    assert count(anwen, "9", "3", "1").status_code == 302
    refused = count(bryn, "11", "5", "1")
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "details or training figures were changed after you opened this page" in page
    assert ">9</dd>" in page and ">3</dd>" in page and "1 March 2026</dd>" in page  # theirs
    assert 'value="11"' in page and 'value="5"' in page  # his own
    assert sorted(group.needs.values_list("trained", flat=True)) == [3, 9]
    assert count(bryn, "11", "5", hidden_version(page)).status_code == 302
    assert sorted(group.needs.values_list("trained", flat=True)) == [5, 11]


def test_removing_a_changed_group_shows_it_first(organisation, group, lead, second_lead):
    remove = reverse("workforce:group_delete", args=[organisation.slug, group.pk])
    bryn = client_for(second_lead)
    assert hidden_version(bryn.get(remove).content.decode()) == "1"
    staff_group_save(
        organisation=organisation,
        actor=lead,
        group=group,
        expected_version=1,
        **details(name="Tenancy officers"),
    )
    refused = bryn.post(remove, {"version": "1"})
    page = refused.content.decode()
    assert "so it has not been removed" in page and "Tenancy officers" in page
    assert StaffGroup.objects.filter(pk=group.pk).exists()
    assert bryn.post(remove, {"version": hidden_version(page)}).status_code == 302
    assert not StaffGroup.objects.exists()
