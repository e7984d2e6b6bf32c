from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeLevelsConfig(AppConfig):
    name = "practice_levels"
    verbose_name = _("Practice levels")

    def ready(self):
        from assessments.hooks import on_cycle_submitted
        from practice_levels.services import cycle_coverage_record

        # The coverage at submission is kept with the cycle, for the board report.
        on_cycle_submitted(cycle_coverage_record)
