from datetime import date

import factory

from action_plans.models import Action, ActionPlan, Priority
from framework.models import Domain
from tests.assessments.factories import CycleFactory


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    cycle = factory.SubFactory(CycleFactory)
    title = "Becoming trauma-informed: 2026 to 2027"
    period_start = date(2026, 4, 1)
    period_end = date(2027, 3, 31)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    responsible_other = "Wellbeing team"
    target_date = date(2026, 12, 31)
    outcome = "Staff say they feel supported"
    priority = Priority.MEDIUM
    domain = factory.LazyAttribute(
        lambda o: Domain.objects.get(framework=o.plan.cycle.framework, code="workforce")
    )
