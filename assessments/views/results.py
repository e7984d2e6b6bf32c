"""The results page: readiness, domain and principle scores, comparison, focus areas."""

from django.views.generic import TemplateView

from assessments.selectors.results import cycle_results
from assessments.views.mixins import CycleMixin
from trauma_wales.permissions import Capability


class ResultsView(CycleMixin, TemplateView):
    template_name = "assessments/results/results.html"
    capability = Capability.VIEW_RESULTS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["results"] = cycle_results(cycle=self.cycle)
        return context
