"""What a new action's form starts with when it comes from a gap.

Two pages offer "turn this into an action": the plan's suggestions (an indicator the
assessment rated low, `?gap=`) and the workforce page (a staff group not yet trained to a
level it needs, `?level=&group=`). Each id arrives in a link, so each is checked against
the plan's organisation and framework version before anything is prefilled; the wording of
the draft lives here, beside the check, and nowhere else.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from action_plans.models import ActionPlan
from assessments.models import Indicator
from framework.models import Domain, PracticeLevel
from trauma_wales.ids import parse_id
from trauma_wales.templatetags.app_tags import govuk_date
from voices.models import FeedbackStatement
from workforce.models import StaffGroup, StaffGroupNeed

# The domain area a workforce action belongs to, by its code in
# assessments/framework_content/trauma-informed-wales-v1.yaml.
WORKFORCE_DOMAIN_CODE = "workforce"


@dataclass(frozen=True)
class WorkforceGap:
    """A staff group's gap at one level, in the plan's framework version."""

    group: StaffGroup
    level: PracticeLevel
    still_to_train: int
    domain: Domain


def workforce_gap_for_plan(
    *, plan: ActionPlan, level_id: str | None, group_id: str | None
) -> WorkforceGap | None:
    """The gap named by `?level=&group=` (as sent in a request), or None when the ids are
    missing, not this organisation's, not a level the group needs, or there is no gap.
    The level is matched by code in the plan's framework version (three queries)."""
    level_pk, group_pk = parse_id(level_id), parse_id(group_id)
    if level_pk is None or group_pk is None:
        return None
    cycle = plan.cycle
    need = (
        StaffGroupNeed.objects.filter(
            group__organisation_id=cycle.organisation_id, group_id=group_pk, level_id=level_pk
        )
        .select_related("group", "level")
        .first()
    )
    if need is None or need.trained >= need.group.headcount:
        return None
    level = PracticeLevel.objects.filter(
        framework_id=cycle.framework_id, code=need.level.code, is_active=True
    ).first()
    domain = Domain.objects.filter(
        framework_id=cycle.framework_id, code=WORKFORCE_DOMAIN_CODE, is_active=True
    ).first()
    if level is None or domain is None:
        return None
    return WorkforceGap(
        group=need.group,
        level=level,
        still_to_train=need.group.headcount - need.trained,
        domain=domain,
    )


def initial_from_workforce_gap(gap: WorkforceGap, *, plan: ActionPlan) -> dict:
    """A draft action that closes the gap by the end of the plan."""
    names = {"level": gap.level.name, "group": gap.group.name}
    outcome = ngettext(
        "%(count)s more person trained to %(level)s in the %(group)s group by %(date)s",
        "%(count)s more people trained to %(level)s in the %(group)s group by %(date)s",
        gap.still_to_train,
    )
    return {
        "description": _("Arrange %(level)s training for the %(group)s group") % names,
        "outcome": outcome
        % {**names, "count": gap.still_to_train, "date": govuk_date(plan.period_end)},
        "target_date": plan.period_end,
        "resources": _("Training places, and time for staff to attend"),
        "domain": gap.domain.pk,
        "practice_levels": [gap.level.pk],
    }


def initial_from_indicator_gap(gap: Indicator, *, to_find_out: bool = False) -> dict:
    """A draft action that takes the first step towards an indicator the assessment rated
    low (the step is framework content, written for each indicator), or, for one answered
    "Don't know", that finds out where the organisation stands."""
    if to_find_out:
        description = _("Find out where we stand on this: “%(text)s”") % {"text": gap.text}
        outcome = _(
            "We know where we stand and can rate this at the next assessment. What to look "
            "at: %(guidance)s"
        ) % {"guidance": gap.guidance}
    else:
        description = gap.first_step
        outcome = _("Evidence that shows it: %(guidance)s") % {"guidance": gap.guidance}
    return {
        "description": description,
        "outcome": outcome,
        "domain": gap.domain_id,
        "indicators": [gap.pk],
        "principles": list(gap.principles.values_list("pk", flat=True)),
        "practice_levels": list(gap.practice_levels.values_list("pk", flat=True)),
    }


def initial_from_feedback_statement(statement: FeedbackStatement) -> dict:
    """A draft action from a statement many people disagreed with in a feedback round: the
    action written for it in the framework content, towards more people agreeing."""
    domains = list(statement.domains.all())
    return {
        "description": statement.action,
        "outcome": _(
            "At the next feedback round, more people agree that “%(text)s” than this time."
        )
        % {"text": statement.text},
        "domain": domains[0].pk if domains else None,
        "principles": [p.pk for p in statement.principles.all()],
    }
