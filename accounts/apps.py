from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts import idle_sessions, sign_in_audit

        sign_in_audit.connect()
        idle_sessions.connect()
