"""Sections the apps above add to an organisation's overview page.

Layers only point down (docs/adr/0009): the organisation app does not know about
assessments or the workforce, yet its overview page should say where each stands. An app
above registers a section when it starts (its AppConfig.ready): a template and a function
that returns the section's context for this organisation and member, or None to leave the
section out (for a role that may not see it). Sections show in the order given.

A section may also offer this person a next step (`NextStep` under the key "next_step"):
the overview puts the most pressing one at the top as its one button, so that a lead, a
contributor, a reviewer and a board member each see straight away what to do next.

The list of a person's organisations asks `waiting_on_you` which of them has something
waiting on this person, so someone in several sees where to go first, and
`home_sections` what else belongs on it for this person.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from trauma_wales.hooks import Hook

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


@dataclass(frozen=True)
class NextStep:
    """Something this person could do next: `urgency` orders them, lowest first (waiting
    on this person before their own work, their own work before reading)."""

    urgency: int
    label: str
    url: str
    hint: str = ""


WAITING_ON_YOU, YOUR_WORK, TO_READ = 10, 20, 30


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


def next_step(sections: list[RenderedSection]) -> NextStep | None:
    offered = [s.context["next_step"] for s in sections if s.context.get("next_step")]
    return min(offered, key=lambda step: step.urgency, default=None)


# Asked with `user` and `memberships` (theirs, with each organisation); each app above
# answers {organisation id: [what waits on this person there, ...]} in a query or two,
# whatever the number of organisations.
waiting_on_you = Hook("waiting_on_you")


def waiting_by_organisation(*, user, memberships) -> dict[int, list[str]]:
    waiting: dict[int, list[str]] = defaultdict(list)
    for answer in waiting_on_you.ask(user=user, memberships=memberships):
        for organisation_id, labels in answer.items():
            waiting[organisation_id].extend(labels)
    return dict(waiting)


# Asked with `user` on the signed-in home page: HTML the apps above add for this person
# beyond their organisations (the networks someone coordinates), or None.
home_sections = Hook("home sections")


def home_sections_for(*, user) -> list[str]:
    return home_sections.ask(user=user)
