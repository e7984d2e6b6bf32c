"""Events an assessment announces to the apps above it (the shape: `trauma_wales.hooks`).

- a cycle is submitted (`cycle=`): the workforce keeps its coverage with the cycle, and
  the reports are made ahead;
- a cycle's target levels are set or cleared (`cycle=`): they can change after
  submission, and the board report shows them.

And one question the results page asks the apps above: what could this person do next
with these results (`add_results_next_step`)? The action plan app answers "build the
action plan" or "see it".
"""

from collections.abc import Callable

from organisations.hooks import NextStep
from trauma_wales.hooks import Hook

cycle_submitted_hook = Hook("cycle submitted")
targets_set_hook = Hook("targets set")

on_cycle_submitted = cycle_submitted_hook.subscribe
on_targets_set = targets_set_hook.subscribe


def cycle_submitted(*, cycle) -> None:
    cycle_submitted_hook.announce(cycle=cycle)


def targets_set(*, cycle) -> None:
    targets_set_hook.announce(cycle=cycle)


NextStepOffer = Callable[..., NextStep | None]
_results_next_steps: list[NextStepOffer] = []


def add_results_next_step(offer: NextStepOffer) -> None:
    """`offer(cycle=, membership=)` returns a next step for the results page, or None."""
    if offer not in _results_next_steps:
        _results_next_steps.append(offer)


def results_next_steps(*, cycle, membership) -> list[NextStep]:
    offered = (offer(cycle=cycle, membership=membership) for offer in _results_next_steps)
    return sorted((step for step in offered if step), key=lambda step: step.urgency)
