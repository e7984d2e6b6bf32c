"""The names audit entries use for framework items they keep by code (a domain area, a
principle, a practice level, a way of working), for trauma_wales.audit_text.

Codes are stable across framework versions; where versions differ, the newest name wins.
"""

from collections.abc import Callable

from django.db.models import Model

from framework.models import Domain, PracticeLevel, Principle, WayOfWorking
from trauma_wales.audit_text import add_names


def _names_of(model: type[Model]) -> Callable[[], dict[str, str]]:
    def load() -> dict[str, str]:
        items = model.objects.order_by("framework__published", "framework_id")  # type: ignore[attr-defined]
        return {item.code: str(item.name) for item in items.only("code", "name_en", "name_cy")}

    return load


def register() -> None:
    add_names("domain", _names_of(Domain))
    add_names("principle", _names_of(Principle))
    add_names("practice_level", _names_of(PracticeLevel))
    add_names("way_of_working", _names_of(WayOfWorking))
