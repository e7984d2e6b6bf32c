"""Who may do what to an assessment cycle, and when: the one place to read it.

A cycle is In progress (answered over many sittings) until a lead submits it, which locks
its answers; a lead can reopen it with a reason. Each step names the capability it needs
(trauma_wales.permissions) and the cycle statuses it is open in. Contributors give their
own views only on cycles they were invited to (checked with their response set).

Services check steps with `cycle_step_check` (through `trauma_wales.policies`), views give
templates `cycle_steps`, so a page offers exactly what a service would accept.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from assessments.models import AssessmentCycle, CycleStatus, Response
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Capability, role_can
from trauma_wales.policies import NO_STEPS, NOT_YOUR_ROLE, Rule, Steps, open_steps, step_check

LOCKED = _("This assessment has been submitted, so its answers cannot be changed.")
NAMES_AFTER_ANONYMOUS_VIEWS = _(
    "Colleagues have already given their views anonymously, so their views cannot now be "
    "shown with their names."
)
# Anonymous views of a question are shown only once this many colleagues have answered it,
# so that nobody's view can be picked out.
ANONYMOUS_VIEWS_MIN = 3
NOT_SUBMITTED = _("Only a submitted assessment can be reopened.")
NOT_YOUR_ANSWERS = _("You can only change your own answers.")


class CycleStep(StrEnum):
    ANSWER = "answer"  # the organisation's answers
    GIVE_VIEWS = "give_views"  # an invited contributor's own answers
    SUBMIT = "submit"
    REOPEN = "reopen"
    INVITE_CONTRIBUTORS = "invite_contributors"
    SET_TARGETS = "set_targets"
    REFLECT = "reflect"  # write the group's reflections on each domain area
    RUN_SESSION = "run_session"  # hold a consensus session and agree ratings in it


IN_PROGRESS = frozenset({CycleStatus.IN_PROGRESS})
SUBMITTED = frozenset({CycleStatus.SUBMITTED})

CYCLE_RULES: dict[CycleStep, Rule] = {
    CycleStep.ANSWER: Rule(Capability.RUN_ASSESSMENT, IN_PROGRESS, not_now=LOCKED),
    CycleStep.GIVE_VIEWS: Rule(Capability.GIVE_VIEWS, IN_PROGRESS, not_now=LOCKED),
    CycleStep.SUBMIT: Rule(
        Capability.RUN_ASSESSMENT, IN_PROGRESS, to_status=CycleStatus.SUBMITTED, not_now=LOCKED
    ),
    CycleStep.REOPEN: Rule(
        Capability.RUN_ASSESSMENT,
        SUBMITTED,
        to_status=CycleStatus.IN_PROGRESS,
        not_now=NOT_SUBMITTED,
    ),
    CycleStep.INVITE_CONTRIBUTORS: Rule(Capability.RUN_ASSESSMENT, IN_PROGRESS, not_now=LOCKED),
    CycleStep.SET_TARGETS: Rule(Capability.RUN_ASSESSMENT, IN_PROGRESS | SUBMITTED),
    # Reflection often comes once the ratings are agreed, and may follow submission.
    CycleStep.REFLECT: Rule(Capability.RUN_ASSESSMENT, IN_PROGRESS | SUBMITTED),
    # Agreeing a rating sets the organisation's answer, so only while answers are open.
    CycleStep.RUN_SESSION: Rule(Capability.RUN_ASSESSMENT, IN_PROGRESS, not_now=LOCKED),
}

# The status moves the table allows, for the workflow that records them.
MOVES = frozenset(
    (status, rule.to_status)
    for rule in CYCLE_RULES.values()
    if rule.to_status
    for status in rule.statuses
)


def cycle_can_start(role: str) -> bool:
    return role_can(role, Capability.RUN_ASSESSMENT)


def cycle_steps(cycle: AssessmentCycle | None, role: str) -> Steps:
    if cycle is None:
        return NO_STEPS
    return open_steps(CYCLE_RULES, cycle.status, role)


def cycle_step_check(cycle: AssessmentCycle, role: str, step: CycleStep) -> Rule:
    return step_check(
        CYCLE_RULES, step, status=cycle.status, status_label=CycleStatus(cycle.status).label,
        role=role,
    )  # fmt: skip


def answering_check(cycle: AssessmentCycle, response: Response, actor, role: str) -> None:
    """May `actor` save answers to `response` now? The organisation's answers need a lead;
    a contributor's own answers need that contributor."""
    if response.contributor_id is None:
        cycle_step_check(cycle, role, CycleStep.ANSWER)
    elif response.contributor_id != actor.pk:
        raise DomainError(NOT_YOUR_ANSWERS if role else NOT_YOUR_ROLE)
    else:
        cycle_step_check(cycle, role, CycleStep.GIVE_VIEWS)


def views_naming_check(cycle: AssessmentCycle, *, named: bool, views_given: bool) -> None:
    """Views given anonymously stay anonymous: a cycle can be switched to named views only
    before any colleague has given theirs. Anonymous can be chosen at any time."""
    if named and not cycle.views_named and views_given:
        raise DomainError(NAMES_AFTER_ANONYMOUS_VIEWS, field="views_named")
