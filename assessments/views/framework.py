"""Framework reference pages: the six domains and five principles, from content data."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from assessments.selectors import framework as selectors


class FrameworkIndexView(LoginRequiredMixin, TemplateView):
    template_name = "assessments/framework/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.framework_reference(framework=selectors.current_framework()))
        return context


class DomainDetailView(LoginRequiredMixin, TemplateView):
    template_name = "assessments/framework/domain.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            selectors.domain_detail(framework=selectors.current_framework(), code=kwargs["code"])
        )
        return context


class PrincipleDetailView(LoginRequiredMixin, TemplateView):
    template_name = "assessments/framework/principle.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            selectors.principle_detail(framework=selectors.current_framework(), code=kwargs["code"])
        )
        return context
