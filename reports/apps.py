from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"

    def ready(self):
        from action_plans.hooks import on_plan_changed
        from assessments.hooks import on_cycle_submitted, on_targets_set
        from organisations.hooks import OverviewSection, add_overview_section
        from reports import audit_text
        from reports.overview import report_section
        from reports.services import reports_prepare_for_plan, reports_prepare_soon

        # The board report PDFs are made again, before anyone asks, when what they show
        # changes (docs/adr/0011).
        on_cycle_submitted(reports_prepare_soon)
        on_targets_set(reports_prepare_soon)
        on_plan_changed(reports_prepare_for_plan)

        audit_text.register()
        add_overview_section(
            "report", OverviewSection(14, "reports/_overview_section.html", report_section)
        )
