"""The demo workforce: a believable housing association, every level in use, two dated
snapshots so the page shows change, the baseline cycle's coverage kept, safe to rerun."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import User
from demo.seed import DEMO_PEOPLE, demo_seed
from tests.conftest import client_for
from workforce.demo import DEMO_GROUPS, seed_workforce
from workforce.models import CoverageSnapshot, StaffGroup, StaffGroupNeed
from workforce.selectors import coverage_for_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(framework_content):
    return demo_seed()


def test_demo_organisation_has_a_workforce_across_all_four_levels(demo):
    organisation = demo["organisation"]
    assert organisation.name == "Cwm Afon Housing Association"
    assert StaffGroup.objects.filter(organisation=organisation).count() == len(DEMO_GROUPS) >= 5
    levels = set(
        StaffGroupNeed.objects.filter(group__organisation=organisation).values_list(
            "level__code", flat=True
        )
    )
    assert levels == {"aware", "skilled", "enhanced", "specialist"}
    assert CoverageSnapshot.objects.filter(organisation=organisation).count() == 2
    assert not StaffGroup.objects.filter(organisation=demo["other_organisation"]).exists()


def test_demo_page_shows_change_since_the_first_count(demo):
    lead = User.objects.get(email=DEMO_PEOPLE[0].email)
    response = client_for(lead).get(reverse("workforce:coverage", args=[demo["organisation"].slug]))
    coverage = response.context["coverage"]
    assert coverage.has_previous
    assert coverage.overall.change > 0
    assert "Change since the previous snapshot" in response.content.decode()


def test_the_baseline_cycle_keeps_the_first_count(demo):
    coverage = coverage_for_cycle(demo["previous_cycle"])
    assert coverage is not None
    assert coverage.previous_as_at is None
    first_total = sum(sum(group.first.values()) for group in DEMO_GROUPS)
    assert coverage.overall.trained == first_total


def test_seeding_again_changes_nothing(demo):
    before = list(StaffGroupNeed.objects.values_list("id", "trained", "counted_on"))
    demo_seed()
    seed_workforce(demo["organisation"], None, date.today())
    assert list(StaffGroupNeed.objects.values_list("id", "trained", "counted_on")) == before
    assert CoverageSnapshot.objects.count() == 2
