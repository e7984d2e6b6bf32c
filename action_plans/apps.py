from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlansConfig(AppConfig):
    name = "action_plans"
    verbose_name = _("Action plans")

    def ready(self):
        from action_plans import audit_text
        from action_plans.overview import plan_section, plans_waiting_on_you, results_next_step
        from assessments.hooks import add_results_next_step
        from organisations.hooks import OverviewSection, add_overview_section, waiting_on_you

        audit_text.register()
        add_overview_section(
            "action_plan", OverviewSection(12, "action_plans/_overview_section.html", plan_section)
        )
        add_results_next_step(results_next_step)
        waiting_on_you.subscribe(plans_waiting_on_you)
