"""The events an assessment announces to the apps above it: saving target levels (which
the board report shows, and which can change after submission) announces them; a refused
save announces nothing."""

import pytest

from assessments import hooks
from assessments.services.cycles import domain_targets_save
from framework.models import Domain
from tests.assessments.factories import submitted_cycle
from trauma_wales.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced(monkeypatch):
    cycles = []
    monkeypatch.setattr(hooks.targets_set_hook, "_receivers", [])
    hooks.on_targets_set(lambda *, cycle: cycles.append(cycle.pk))
    return cycles


def test_setting_targets_after_submission_announces_it(organisation, lead, announced):
    cycle = submitted_cycle(organisation)
    leadership = Domain.objects.get(framework=cycle.framework, code="leadership")
    cycle = domain_targets_save(cycle=cycle, targets={leadership.pk: 3}, actor=lead,
                                expected_version=cycle.version)  # fmt: skip
    cycle = domain_targets_save(cycle=cycle, targets={leadership.pk: None}, actor=lead,
                                expected_version=cycle.version)  # fmt: skip
    assert announced == [cycle.pk, cycle.pk]
    with pytest.raises(DomainError):
        domain_targets_save(cycle=cycle, targets={leadership.pk: 9}, actor=lead,
                            expected_version=cycle.version)  # fmt: skip
    assert announced == [cycle.pk, cycle.pk]


def test_a_receiver_is_registered_once(monkeypatch):
    monkeypatch.setattr(hooks.targets_set_hook, "_receivers", [])

    def receiver(*, cycle):
        return cycle

    hooks.on_targets_set(receiver)
    hooks.on_targets_set(receiver)
    assert hooks.targets_set_hook._receivers == [receiver]
