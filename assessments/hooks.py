"""Events an assessment announces to the apps above it.

Layers only point down (docs/adr/0009): assessments never imports the workforce or the
action plans. An app above registers a receiver here when it starts (its AppConfig.ready),
and the service announces the event inside its transaction, so a receiver's writes commit
or roll back with the submission.
"""

from collections.abc import Callable

CycleReceiver = Callable[..., object]
_cycle_submitted: list[CycleReceiver] = []
_targets_set: list[CycleReceiver] = []


def on_cycle_submitted(receiver: CycleReceiver) -> CycleReceiver:
    """Call `receiver(cycle=...)` whenever a cycle is submitted."""
    if receiver not in _cycle_submitted:
        _cycle_submitted.append(receiver)
    return receiver


def cycle_submitted(*, cycle) -> None:
    for receiver in _cycle_submitted:
        receiver(cycle=cycle)


def on_targets_set(receiver: CycleReceiver) -> CycleReceiver:
    """Call `receiver(cycle=...)` whenever a cycle's target levels are set or cleared (they
    can change after submission, and the board report shows them)."""
    if receiver not in _targets_set:
        _targets_set.append(receiver)
    return receiver


def targets_set(*, cycle) -> None:
    for receiver in _targets_set:
        receiver(cycle=cycle)
