"""Events an assessment announces to the apps above it (the shape: `trauma_wales.hooks`).

- a cycle is submitted (`cycle=`): the workforce keeps its coverage with the cycle, and
  the reports are made ahead;
- a cycle's target levels are set or cleared, or its reflections saved (`cycle=`): they
  can change after submission, and the board report shows them.

And two questions the results page asks the apps above: what could this person do next
with these results (`cycle=`, `membership=`)? The action plan app answers "build the
action plan" or "see it". And what else belongs in the results, the same for every
member (`cycle=`, `domain_scores=`)? Feedback rounds answer with what people told us (voices).
And how do these results compare with other organisations' (`cycle=`, `page_parts=`)?
Networks answer with benchmarks; the page shows them outside its own kept body, as they
follow other organisations' data (the app keeps its section under its own version too).
"""

from organisations.hooks import NextStep
from trauma_wales.hooks import Hook

cycle_submitted_hook = Hook("cycle submitted")
targets_set_hook = Hook("targets set or reflections saved")

on_cycle_submitted = cycle_submitted_hook.subscribe
on_targets_set = targets_set_hook.subscribe


def cycle_submitted(*, cycle) -> None:
    cycle_submitted_hook.announce(cycle=cycle)


def targets_set(*, cycle) -> None:
    targets_set_hook.announce(cycle=cycle)


def reflection_saved(*, cycle) -> None:
    """What the board report shows after submission changed, as for targets."""
    targets_set_hook.announce(cycle=cycle)


results_next_step_hook = Hook("results next step")
add_results_next_step = results_next_step_hook.subscribe


def results_next_steps(*, cycle, membership) -> list[NextStep]:
    offered = results_next_step_hook.ask(cycle=cycle, membership=membership)
    return sorted(offered, key=lambda step: step.urgency)


results_section_hook = Hook("results sections")
add_results_section = results_section_hook.subscribe


def results_sections(*, cycle, domain_scores) -> list[str]:
    """HTML the apps above add after the domain scores (given, so they need not be worked
    out again): built from data whose every change is audited or dated, so the results
    page keeps it with the rest (trauma_wales.kept)."""
    return results_section_hook.ask(cycle=cycle, domain_scores=domain_scores)


results_comparison_hook = Hook("results comparisons")
add_results_comparison = results_comparison_hook.subscribe


def results_comparisons(*, cycle, page_parts: tuple) -> list[str]:
    """HTML comparing the cycle's results with other organisations', after the results.
    `page_parts` are what the page's own kept body is keyed by (trauma_wales.kept:
    the organisation's data version, the content, the language, the day), for an app that
    keeps its section under them and its own version."""
    return results_comparison_hook.ask(cycle=cycle, page_parts=page_parts)
