"""A blank, printable workbook of the readiness and self-assessment questions.

Working groups often meet away from screens: the workbook gives them every question of the
cycle's framework version, with the rating scale, each indicator's guidance and room for
notes, in English or Welsh, to fill in by hand and type in afterwards. It holds nothing of
any organisation's, so it is kept once per framework version, content and language
(trauma_wales.kept) and made again only when one of those changes.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from assessments.models import Indicator, Rating, ReadinessValue
from assessments.selectors.questionnaire import readiness_themes
from framework.content import held_items
from framework.models import Domain
from reports.pdf import html_to_pdf
from trauma_wales.kept import kept


def workbook_pdf(*, cycle, language: str) -> bytes:
    """The workbook for the cycle's framework version, in `language` ("en" or "cy")."""
    framework = cycle.framework
    return kept(
        ("workbook", framework.pk, framework.content_hash, language),
        lambda: _render(cycle, language),
    )


def _render(cycle, language: str) -> bytes:
    domains = held_items(Domain, cycle.framework)
    indicators: dict[int, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(framework=cycle.framework, is_active=True).order_by(
        "domain__order", "order"
    ):
        indicators.setdefault(indicator.domain_id, []).append(indicator)
    with translation.override(language):
        html = render_to_string(
            "reports/workbook_pdf.html",
            {
                "service_name": settings.SERVICE_NAME,
                "framework": cycle.framework,
                "language": language,
                "themes": readiness_themes(cycle=cycle),
                "domains": [(domain, indicators.get(domain.pk, [])) for domain in domains],
                "ratings": list(Rating),
                "readiness_values": list(ReadinessValue),
            },
        )
    return html_to_pdf(html)
