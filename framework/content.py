"""Framework content, held once per process.

A framework version's content changes only when its content file is loaded again, and
then its `content_hash` changes with it (assessments.content_loader). So the active items
of a version (domains, principles, practice levels, ways of working, well-being goals)
are read once per process for each (version, hash) and shared by every request after:
the key changes with any reload, so nothing held is ever out of date.

What is held is shared: callers read it and never change it (a tuple, not a list).
"""

from django.db import models

from framework.models import FrameworkVersion

_held: dict[tuple[str, int, str], tuple] = {}


def held_items(model: type[models.Model], framework: FrameworkVersion) -> tuple:
    """The framework version's active items of `model`, in order."""
    key = (model._meta.label, framework.pk, framework.content_hash)
    items = _held.get(key)
    if items is None:
        items = tuple(
            model._default_manager.filter(framework=framework, is_active=True).order_by("order")
        )
        _held[key] = items
    return items


def held_content_forget() -> None:
    """Let go of everything held (for tests, whose databases come and go)."""
    _held.clear()
