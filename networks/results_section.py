"""What networks add to an assessment's results page: "How we compare", the organisation's
domain area scores beside its peers' (networks.selectors.benchmarks), through
assessments.hooks.results_comparisons, outside the page's own kept body and kept on its
own, under the page's versions and the version of peers' figures."""

from django.template.loader import render_to_string

from assessments.models import CycleStatus, SubmittedDomainScore
from assessments.selectors.cycles import organisation_response_for
from assessments.selectors.progress import cycle_domains
from assessments.selectors.scoring import domain_scores
from networks.presenters import comparison_rows
from networks.selectors.benchmarks import peer_groups
from trauma_wales.kept import PEER_FIGURES, kept, shared_data_version


def _our_scores(cycle) -> dict[str, int | None]:
    if cycle.status == CycleStatus.SUBMITTED:
        stored = dict(
            SubmittedDomainScore.objects.filter(cycle=cycle).values_list(
                "domain_code", "percentage"
            )
        )
        if stored:
            return stored
    response = organisation_response_for(cycle=cycle)
    return {score.key: score.percentage for score in domain_scores(cycle=cycle, response=response)}


def benchmarks_section(*, cycle, page_parts: tuple) -> str | None:
    """The section, kept under the organisation's data version (its own scores, and
    whether and where it shares: joining and leaving are recorded in its history) and the
    version of peers' figures: one query a request once built."""

    def build() -> str:
        groups = peer_groups(organisation=cycle.organisation)
        if not groups:
            return ""
        ours = _our_scores(cycle)
        domains = cycle_domains(cycle=cycle)
        return render_to_string(
            "networks/_benchmarks.html",
            {"comparisons": [(group, comparison_rows(group, domains, ours)) for group in groups]},
        )

    version = shared_data_version(PEER_FIGURES)
    section = kept(("results-comparisons", cycle.pk, *page_parts, version), build)
    return section or None
