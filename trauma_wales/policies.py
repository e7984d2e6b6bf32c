"""The shape every policy module shares (action_plans.policies, assessments.policies,
organisations.policies): a table of steps, each with the capability it needs and the
statuses it is open in, read the same way everywhere.

`open_steps` is what a page offers a person; `step_check` is what a service enforces, with
a `DomainError` written for the person. Both read the same table, so they cannot differ.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from trauma_wales.errors import DomainError
from trauma_wales.permissions import Capability, role_can

NOT_YOUR_ROLE = _("Your role does not allow you to do this.")
AnyStep = TypeVar("AnyStep", bound=StrEnum)
NOT_NOW = _("This cannot be done while it is “%(status)s”.")


@dataclass(frozen=True)
class Rule:
    capability: Capability
    statuses: frozenset[str]
    to_status: str | None = None  # for steps that move the thing to another status
    comment_required: bool = False
    not_now: str | Promise = NOT_NOW  # why it is refused in another status (may name %(status)s)


@dataclass(frozen=True)
class Steps:
    """The steps open to one person on one thing, for templates: `{% if steps.submit %}`."""

    open: frozenset[str]

    def __getattr__(self, name: str) -> bool:
        if name.startswith("_"):
            raise AttributeError(name)
        return name in self.open

    def __contains__(self, step) -> bool:
        return step in self.open


NO_STEPS = Steps(frozenset())


def open_steps(rules: Mapping[AnyStep, Rule], status: str, role: str) -> Steps:
    return Steps(
        frozenset(
            str(step)
            for step, rule in rules.items()
            if status in rule.statuses and role_can(role, rule.capability)
        )
    )


def step_check(
    rules: Mapping[AnyStep, Rule], step: AnyStep, *, status: str, status_label: str, role: str,
    comment: str = "", comment_needed: str = "",
) -> Rule:  # fmt: skip
    """The rule for `step`, or a `DomainError` saying why this person cannot take it now."""
    rule = rules[step]
    if not role_can(role, rule.capability):
        raise DomainError(NOT_YOUR_ROLE)
    if status not in rule.statuses:
        raise DomainError(str(rule.not_now) % {"status": status_label})
    if rule.comment_required and not comment.strip():
        raise DomainError(comment_needed, field="comment")
    return rule
