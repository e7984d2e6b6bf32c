"""Values every page template needs: the service name and the language switcher."""

from django.conf import settings
from django.utils.translation import get_language_info

from trauma_wales.third_party_strings import govuk_frontend_i18n

NAV_SECTIONS = {"framework": "framework", "accounts": "account"}


def service(request):
    match = getattr(request, "resolver_match", None)
    section = NAV_SECTIONS.get(match.namespace if match else "", "home")
    return {
        "nav_home": section == "home",
        "nav_framework": section == "framework",
        "nav_account": section == "account",
        "service_name": settings.SERVICE_NAME,
        "govuk_frontend_config": govuk_frontend_i18n,
        "available_languages": [
            {"code": code, "name": get_language_info(code)["name_local"]}
            for code, _name in settings.LANGUAGES
        ],
    }
