"""Reads of framework content, for the reference pages and the apps above."""

from django.http import Http404

from framework.content import held_items
from framework.models import (
    Domain,
    FrameworkVersion,
    PracticeLevel,
    Principle,
    WayOfWorking,
    WellbeingGoal,
)
from organisations.models import Membership
from trauma_wales.permissions import Capability, role_can


def current_framework() -> FrameworkVersion:
    framework = FrameworkVersion.objects.current()
    if framework is None:
        raise Http404("No framework content has been loaded")
    return framework


def framework_reference(*, framework: FrameworkVersion) -> dict:
    """Everything the framework index page lists (held once per process:
    framework.content)."""
    return {
        "framework": framework,
        "domains": held_items(Domain, framework),
        "principles": held_items(Principle, framework),
        "practice_levels": held_items(PracticeLevel, framework),
        "ways_of_working": held_items(WayOfWorking, framework),
        "wellbeing_goals": held_items(WellbeingGoal, framework),
    }


def framework_item(*, model, framework: FrameworkVersion, code: str):
    """One active item by code, with its neighbours for previous/next links."""
    items = held_items(model, framework)
    for index, item in enumerate(items):
        if item.code == code:
            return {
                "item": item,
                "position": index + 1,
                "total": len(items),
                "previous": items[index - 1] if index > 0 else None,
                "next": items[index + 1] if index + 1 < len(items) else None,
            }
    raise Http404("No such framework item")


def domain_detail(*, framework: FrameworkVersion, code: str) -> dict:
    return framework_item(model=Domain, framework=framework, code=code)


def principle_detail(*, framework: FrameworkVersion, code: str) -> dict:
    return framework_item(model=Principle, framework=framework, code=code)


def practice_level_detail(*, framework: FrameworkVersion, code: str, user) -> dict:
    """A practice level's page: the level, its neighbours, the self-assessment indicators
    that concern it, and the person's organisations whose workforce pages they can see.

    The indicators are the questionnaire's, in assessments, the layer above: they are read
    through the reverse relation their model declares on the level (`indicators`), so this
    app imports nothing above it (docs/adr/0009)."""
    context = framework_item(model=PracticeLevel, framework=framework, code=code)
    context["indicators"] = list(
        context["item"]
        .indicators.filter(is_active=True)
        .select_related("domain")
        .order_by("domain__order", "order")
    )
    context["workforce_memberships"] = [
        membership
        for membership in Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
        if role_can(membership.role, Capability.VIEW_WORKFORCE)
    ]
    return context
