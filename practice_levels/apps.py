from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeLevelsConfig(AppConfig):
    name = "practice_levels"
    verbose_name = _("Practice levels")

    def ready(self):
        from assessments.hooks import on_cycle_submitted
        from organisations.hooks import OverviewSection, add_overview_section
        from practice_levels.services import cycle_coverage_record
        from trauma_wales.permissions import Capability, role_can

        # The coverage at submission is kept with the cycle, for the board report.
        on_cycle_submitted(cycle_coverage_record)

        def section(*, organisation, membership) -> dict | None:
            return {} if role_can(membership.role, Capability.VIEW_WORKFORCE) else None

        add_overview_section(
            "workforce",
            OverviewSection(20, "practice_levels/_overview_section.html", section),
        )
