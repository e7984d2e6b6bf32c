"""Events an action plan announces to the apps above it.

Layers only point down (docs/adr/0009): action plans never import the reports. An app
above registers a receiver here when it starts (its AppConfig.ready), and each service
that changes what a plan says (the plan, its review status, its actions and their
progress) announces it inside its transaction, so a receiver's writes commit or roll back
with the change. A receiver that starts work elsewhere waits for the commit
(`transaction.on_commit`). Comments and gaps set aside are not announced: nothing above
shows them.
"""

from collections.abc import Callable

PlanReceiver = Callable[..., object]
_plan_changed: list[PlanReceiver] = []


def on_plan_changed(receiver: PlanReceiver) -> PlanReceiver:
    """Call `receiver(plan=...)` whenever a plan, its status or its actions change."""
    if receiver not in _plan_changed:
        _plan_changed.append(receiver)
    return receiver


def plan_changed(*, plan) -> None:
    for receiver in _plan_changed:
        receiver(plan=plan)
