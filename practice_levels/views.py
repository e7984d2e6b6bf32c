"""The practice level reference pages."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from assessments.selectors.framework import current_framework, framework_item
from practice_levels.models import PracticeLevel


class PracticeLevelDetailView(LoginRequiredMixin, TemplateView):
    template_name = "practice_levels/level.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            framework_item(model=PracticeLevel, framework=current_framework(), code=kwargs["code"])
        )
        return context
