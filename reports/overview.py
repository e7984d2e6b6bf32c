"""The board report section of an organisation's overview: the report of the latest
submitted assessment, and reading it as the next step for someone with nothing waiting."""

from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.models import AssessmentCycle
from organisations.hooks import TO_READ, NextStep
from trauma_wales.permissions import Capability, role_can


def report_section(*, organisation, membership) -> dict | None:
    if not role_can(membership.role, Capability.VIEW_REPORT):
        return None
    cycle = (
        AssessmentCycle.objects.filter(organisation=organisation, submitted_at__isnull=False)
        .order_by("-submitted_at")
        .only("pk", "name", "submitted_at")
        .first()
    )
    if cycle is None:
        return None
    url = reverse("reports:report", args=[organisation.slug, cycle.pk])
    return {
        "cycle": cycle,
        "report_url": url,
        "next_step": NextStep(
            TO_READ,
            _("Read the board report"),
            url,
            _("The report of “%(name)s”: results, the action plan and progress, in plain words.")
            % {"name": cycle.name},
        ),
    }
