"""Assessment models, one module per concern:

- `framework`: framework versions and their domains, principles, ways of working, goals
- `questionnaire`: readiness themes and items, self-assessment indicators (content)
- `cycles`: assessment cycles, their status history, contributors and targets
- `answers`: response sets (the organisation's and each contributor's) and their answers
"""

from assessments.models.answers import (
    READINESS_SECTION,
    IndicatorAnswer,
    Rating,
    ReadinessAnswer,
    ReadinessValue,
    Response,
    SectionRevision,
    rating_label,
)
from assessments.models.cycles import (
    AssessmentCycle,
    CycleContributor,
    CycleStatus,
    CycleStatusChange,
    DomainTarget,
)
from assessments.models.framework import (
    Domain,
    FrameworkVersion,
    Principle,
    WayOfWorking,
    WellbeingGoal,
)
from assessments.models.questionnaire import Indicator, ReadinessItem, ReadinessTheme

__all__ = [
    "READINESS_SECTION",
    "AssessmentCycle",
    "CycleContributor",
    "CycleStatus",
    "CycleStatusChange",
    "Domain",
    "DomainTarget",
    "FrameworkVersion",
    "Indicator",
    "IndicatorAnswer",
    "Principle",
    "Rating",
    "ReadinessAnswer",
    "ReadinessItem",
    "ReadinessTheme",
    "ReadinessValue",
    "Response",
    "SectionRevision",
    "WayOfWorking",
    "WellbeingGoal",
    "rating_label",
]
