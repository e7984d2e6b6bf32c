from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoicesConfig(AppConfig):
    name = "voices"
    verbose_name = _("Feedback rounds")

    def ready(self):
        from assessments.hooks import add_results_section
        from organisations.hooks import OverviewSection, add_overview_section
        from voices import audit_text
        from voices.overview import feedback_section
        from voices.results_section import voices_results_section

        audit_text.register()
        add_results_section(voices_results_section)
        add_overview_section(
            "voices", OverviewSection(15, "voices/_overview_section.html", feedback_section)
        )
