"""Assessment models, one module per concern:

- `questionnaire`: readiness themes and items, self-assessment indicators (content)
- `cycles`: assessment cycles, their status history, contributors and targets
- `answers`: response sets (the organisation's and each contributor's) and their answers
- `reflections`: what the working group says in words about each domain area
- `sessions`: the working group's consensus sessions and what each agreed
- `submitted`: what a submitted cycle found, stored for networks to compare
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
from assessments.models.reflections import DomainReflection
from assessments.models.sessions import ConsensusSession, Outcome, Perspective, SessionItem
from assessments.models.submitted import SubmittedDomainScore, SubmittedFocus

__all__ = [
    "READINESS_SECTION",
    "AssessmentCycle",
    "ConsensusSession",
    "CycleContributor",
    "CycleStatus",
    "CycleStatusChange",
    "DomainReflection",
    "DomainTarget",
    "Indicator",
    "IndicatorAnswer",
    "Outcome",
    "Perspective",
    "Rating",
    "ReadinessAnswer",
    "ReadinessItem",
    "ReadinessTheme",
    "ReadinessValue",
    "Response",
    "SectionRevision",
    "SessionItem",
    "SubmittedDomainScore",
    "SubmittedFocus",
    "rating_label",
    "readiness_revision_key",
]
