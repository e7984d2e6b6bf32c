"""Writes for the board report: only the record that someone downloaded it.

The report is built on request and never stored here, so downloading the PDF is the one
moment a copy leaves the service; the audit trail keeps who, when, which version and in
which language.
"""

from assessments.models import AssessmentCycle
from trauma_wales.audit import audit_record


def report_download_record(*, cycle: AssessmentCycle, actor, version: str, language: str) -> None:
    audit_record(
        action="report.downloaded",
        actor=actor,
        organisation=cycle.organisation,
        target=cycle,
        details={"cycle": cycle.name, "version": version, "language": language},
    )
