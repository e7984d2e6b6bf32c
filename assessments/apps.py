from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from assessments import audit_text
        from assessments.overview import assessments_section, views_waiting_on_you
        from organisations.hooks import OverviewSection, add_overview_section, waiting_on_you

        add_overview_section(
            "assessments",
            OverviewSection(10, "assessments/cycles/_overview_section.html", assessments_section),
        )
        audit_text.register()
        waiting_on_you.subscribe(views_waiting_on_you)
