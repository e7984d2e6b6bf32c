"""The workforce app: an organisation's staff groups, the practice levels each needs and
how many people are trained (coverage), in the layer above assessments (docs/adr/0009)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "workforce"
    verbose_name = _("Workforce training")

    def ready(self):
        from assessments.hooks import on_cycle_submitted
        from organisations.hooks import OverviewSection, add_overview_section
        from trauma_wales.permissions import Capability, role_can
        from workforce import audit_text
        from workforce.services import cycle_coverage_record

        audit_text.register()
        # The coverage at submission is kept with the cycle, for the board report.
        on_cycle_submitted(cycle_coverage_record)

        def section(*, organisation, membership) -> dict | None:
            return {} if role_can(membership.role, Capability.VIEW_WORKFORCE) else None

        add_overview_section(
            "workforce", OverviewSection(20, "workforce/_overview_section.html", section)
        )
