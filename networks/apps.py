from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Networks")

    def ready(self):
        from assessments.hooks import add_results_comparison
        from networks import audit_text
        from networks.overview import coordinator_home, invitations_waiting, networks_section
        from networks.results_section import benchmarks_section
        from organisations.hooks import (
            OverviewSection,
            add_overview_section,
            home_sections,
            waiting_on_you,
        )

        audit_text.register()
        add_results_comparison(benchmarks_section)
        add_overview_section(
            "networks",
            OverviewSection(18, "networks/_overview_section.html", networks_section),
        )
        waiting_on_you.subscribe(invitations_waiting)
        home_sections.subscribe(coordinator_home)
