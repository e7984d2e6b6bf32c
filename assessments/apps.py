from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from assessments import audit_text
        from assessments.selectors.cycles import cycles_at_a_glance
        from organisations.hooks import OverviewSection, add_overview_section

        def section(*, organisation, membership) -> dict:
            return {"cycles": cycles_at_a_glance(organisation=organisation)}

        add_overview_section(
            "assessments",
            OverviewSection(10, "assessments/cycles/_overview_section.html", section),
        )
        audit_text.register()
