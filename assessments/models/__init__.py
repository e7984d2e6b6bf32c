"""Assessment models, one module per concern:

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
    readiness_revision_key,
)
from assessments.models.cycles import (
    AssessmentCycle,
    CycleContributor,
    CycleStatus,
    CycleStatusChange,
    DomainTarget,
)
from assessments.models.questionnaire import Indicator, ReadinessItem, ReadinessTheme

__all__ = [
    "READINESS_SECTION",
    "AssessmentCycle",
    "CycleContributor",
    "CycleStatus",
    "CycleStatusChange",
    "DomainTarget",
    "Indicator",
    "IndicatorAnswer",
    "Rating",
    "ReadinessAnswer",
    "ReadinessItem",
    "ReadinessTheme",
    "ReadinessValue",
    "Response",
    "SectionRevision",
    "rating_label",
    "readiness_revision_key",
]
