"""What feedback rounds add to an assessment's results page: "What people told us", per
domain area beside the organisation's own score (assessments.hooks.results_sections).

Only closed rounds are shown, so the page can be kept like the rest of the results
(trauma_wales.kept): closing a round and choosing a comment are audited, and a round
that reaches its closing date does so at midnight, when every kept page's key changes.
"""

from django.template.loader import render_to_string

from voices.presenters import told_us
from voices.selectors import cycle_voices


def voices_results_section(*, cycle, domain_scores) -> str | None:
    voices = cycle_voices(cycle=cycle)
    if not voices:
        return None
    return render_to_string(
        "voices/_told_us.html",
        {"told_us": told_us(voices=voices, domain_scores=domain_scores), "with_statements": True},
    )
