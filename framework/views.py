"""Framework reference pages, under /framework/: the index, and a page for each domain,
principle and practice level, from the content data. For anyone signed in."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from framework import selectors


class FrameworkIndexView(LoginRequiredMixin, TemplateView):
    template_name = "framework/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.framework_reference(framework=selectors.current_framework()))
        return context


class DomainDetailView(LoginRequiredMixin, TemplateView):
    template_name = "framework/domain.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            selectors.domain_detail(framework=selectors.current_framework(), code=kwargs["code"])
        )
        return context


class PrincipleDetailView(LoginRequiredMixin, TemplateView):
    template_name = "framework/principle.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            selectors.principle_detail(framework=selectors.current_framework(), code=kwargs["code"])
        )
        return context


class PracticeLevelDetailView(LoginRequiredMixin, TemplateView):
    template_name = "framework/practice_level.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            selectors.practice_level_detail(
                framework=selectors.current_framework(),
                code=kwargs["code"],
                user=self.request.user,
            )
        )
        return context
