"""The results page: readiness, domain and principle scores, comparison, focus areas;
and the same scores as CSV (assessments.exports)."""

import io

from django.http import FileResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from assessments.exports import results_csv
from assessments.hooks import results_comparisons, results_next_steps, results_sections
from assessments.selectors.results import cycle_results
from assessments.services.cycles import results_export_record
from assessments.views.mixins import CycleMixin
from trauma_wales.kept import kept, organisation_page_parts
from trauma_wales.permissions import Capability


class ResultsView(CycleMixin, TemplateView):
    template_name = "assessments/results/results.html"
    capability = Capability.VIEW_RESULTS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)

        def body() -> str:
            results = cycle_results(cycle=self.cycle)
            sections = results_sections(cycle=self.cycle, domain_scores=results.scores.domains)
            return render_to_string(
                "assessments/results/_body.html",
                {**context, "results": results, "more_sections": sections},
                self.request,
            )

        # The same for every member with the same steps open (it offers setting targets
        # to those who may): trauma_wales.kept.
        parts = organisation_page_parts(self.organisation, self.cycle.framework.content_hash)
        context["results_body"] = mark_safe(  # noqa: S308 (our own template's output)
            kept(
                ("results-page", self.cycle.pk, *parts, tuple(sorted(context["cycle_steps"].open))),
                body,
            )
        )
        # Outside what is kept: it depends on the person and on the plan, and comparisons
        # on other organisations' data.
        context["next_steps"] = results_next_steps(cycle=self.cycle, membership=self.membership)
        context["comparisons"] = results_comparisons(cycle=self.cycle, page_parts=parts)
        return context


class ResultsCsvView(CycleMixin, View):
    capability = Capability.VIEW_RESULTS

    def get(self, request, *args, **kwargs):
        content = results_csv(cycle=self.cycle)
        results_export_record(cycle=self.cycle, actor=request.user)
        name = slugify(f"{self.organisation.slug}-{self.cycle.name}-scores")[:80] or "scores"
        return FileResponse(
            io.BytesIO(content),
            as_attachment=True,
            filename=f"{name}.csv",
            content_type="text/csv; charset=utf-8",
        )
