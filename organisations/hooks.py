"""Sections the apps above add to an organisation's overview page.

Layers only point down (docs/adr/0009): the organisation app does not know about
assessments or the workforce, yet its overview page should say where each stands. An app
above registers a section when it starts (its AppConfig.ready): a template and a function
that returns the section's context for this organisation and member, or None to leave the
section out (for a role that may not see it). Sections show in the order given.
"""

from collections.abc import Callable
from dataclasses import dataclass

SectionContext = Callable[..., dict | None]


@dataclass(frozen=True)
class OverviewSection:
    order: int
    template_name: str
    context: SectionContext


@dataclass(frozen=True)
class RenderedSection:
    template_name: str
    context: dict


_sections: dict[str, OverviewSection] = {}


def add_overview_section(name: str, section: OverviewSection) -> None:
    _sections[name] = section


def overview_sections(*, organisation, membership) -> list[RenderedSection]:
    rendered = []
    for section in sorted(_sections.values(), key=lambda s: s.order):
        context = section.context(organisation=organisation, membership=membership)
        if context is not None:
            rendered.append(RenderedSection(section.template_name, context))
    return rendered
