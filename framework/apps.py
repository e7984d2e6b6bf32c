"""The framework app: framework content and its reference pages, the layer just above
organisations (docs/adr/0009)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworkConfig(AppConfig):
    name = "framework"
    verbose_name = _("The framework")

    def ready(self):
        from framework import audit_text

        audit_text.register()  # names of framework items in the history of changes
