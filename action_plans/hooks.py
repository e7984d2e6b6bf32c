"""Events an action plan announces to the apps above it (the shape: `trauma_wales.hooks`).

- a plan changes (`plan=`): the plan, its review status, its actions or their progress.
  Comments and gaps set aside are not announced: nothing above shows them.
"""

from trauma_wales.hooks import Hook

plan_changed_hook = Hook("plan changed")

on_plan_changed = plan_changed_hook.subscribe


def plan_changed(*, plan) -> None:
    plan_changed_hook.announce(plan=plan)
