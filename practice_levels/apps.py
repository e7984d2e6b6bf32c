from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeLevelsConfig(AppConfig):
    name = "practice_levels"
    verbose_name = _("Practice levels")
