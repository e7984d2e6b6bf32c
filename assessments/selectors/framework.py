"""Reads of framework content, for the reference pages and, later, the questionnaires."""

from django.http import Http404

from framework.models import Domain, FrameworkVersion, Principle


def current_framework() -> FrameworkVersion:
    framework = FrameworkVersion.objects.current()
    if framework is None:
        raise Http404("No framework content has been loaded")
    return framework


def framework_reference(*, framework: FrameworkVersion) -> dict:
    """Everything the framework index page lists, one query per kind of item."""
    return {
        "framework": framework,
        "domains": list(framework.domains.filter(is_active=True).order_by("order")),
        "principles": list(framework.principles.filter(is_active=True).order_by("order")),
        "practice_levels": list(framework.practice_levels.filter(is_active=True).order_by("order")),
        "ways_of_working": list(framework.ways_of_working.filter(is_active=True).order_by("order")),
        "wellbeing_goals": list(framework.wellbeing_goals.filter(is_active=True).order_by("order")),
    }


def framework_item(*, model, framework: FrameworkVersion, code: str):
    """One active item by code, with its neighbours for previous/next links."""
    items = list(model.objects.filter(framework=framework, is_active=True).order_by("order"))
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
