"""Two leads setting a cycle's target levels at once: the first save wins, the second is
refused with the targets saved now and their own choices kept, and saving again works."""

import re

import pytest

from assessments.models import AssessmentCycle, DomainTarget
from assessments.services.cycles import TARGETS_CHANGED, domain_targets_save
from framework.models import Domain
from tests.assessments.test_cycle_forms import start_cycle, url
from tests.conftest import client_for
from trauma_wales.versions import StaleEdit

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(organisation, lead):
    return start_cycle(organisation, lead)


@pytest.fixture
def second_lead(member_for_role):
    return member_for_role("lead")


def domains(cycle):
    return list(Domain.objects.filter(framework=cycle.framework).order_by("order"))


def hidden_version(page: str) -> str:
    return re.search(r'name="version" value="([^"]*)"', page).group(1)


def test_the_first_targets_win(cycle, lead, second_lead):
    first = domains(cycle)[0]
    domain_targets_save(cycle=cycle, targets={first.pk: 3}, actor=lead, expected_version=1)
    with pytest.raises(StaleEdit) as stale:
        domain_targets_save(
            cycle=cycle, targets={first.pk: 1}, actor=second_lead, expected_version=1
        )
    assert stale.value.message == TARGETS_CHANGED
    assert DomainTarget.objects.get(cycle=cycle).level == 3
    stored = AssessmentCycle.objects.get(pk=cycle.pk)
    assert (stored.version, stored.edited_by) == (2, lead)


def test_the_second_lead_sees_the_targets_now_and_can_save_again(cycle, lead, second_lead):
    first, second = domains(cycle)[:2]
    page_url = url("targets", cycle)
    anwen, bryn = client_for(lead), client_for(second_lead)
    assert hidden_version(anwen.get(page_url).content.decode()) == "1"
    assert hidden_version(bryn.get(page_url).content.decode()) == "1"
    saved = anwen.post(page_url, {f"domain-{first.pk}": "3", "version": "1"})
    assert saved.status_code == 302

    refused = bryn.post(
        page_url, {f"domain-{first.pk}": "1", f"domain-{second.pk}": "2", "version": "1"}
    )
    page = refused.content.decode()
    assert refused.status_code == 200 and "<title>Error:" in page
    assert "The target levels were changed after you opened this page." in page
    assert re.search(rf"{re.escape(first.name)}</dt>\s*<dd[^>]*>3 ", page)  # theirs
    assert re.search(r'<option value="1" selected>', page)  # his own choice
    assert hidden_version(page) == "2"

    again = bryn.post(page_url, {f"domain-{first.pk}": "1", "version": "2"})
    assert again.status_code == 302
    assert DomainTarget.objects.get(cycle=cycle, domain=first).level == 1
