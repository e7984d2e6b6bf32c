"""The working group's reflections: the list of domain areas with what is written, and
the page to write one domain area's reflections (assessments.services.reflections)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from assessments.forms.reflections import ReflectionForm
from assessments.models.reflections import REFLECTION_FIELDS
from assessments.selectors.reflections import cycle_reflections, reflection_for_domain
from assessments.services.reflections import domain_reflection_save
from assessments.views.mixins import CycleMixin
from organisations.tenancy import OrganisationFormView
from trauma_wales.permissions import Capability


class ReflectionsView(CycleMixin, TemplateView):
    template_name = "assessments/reflections/list.html"
    capability = Capability.RUN_ASSESSMENT

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = cycle_reflections(cycle=self.cycle)
        return context


class ReflectionView(CycleMixin, OrganisationFormView):
    template_name = "assessments/reflections/edit.html"
    capability = Capability.RUN_ASSESSMENT
    form_class = ReflectionForm

    def load_objects(self, **url_kwargs) -> None:
        super().load_objects(**url_kwargs)
        self.row = reflection_for_domain(cycle=self.cycle, code=url_kwargs["code"])

    def edited_object(self):
        return self.row.reflection

    def get_initial(self):
        saved = self.row.reflection
        return {name: getattr(saved, name) for name in REFLECTION_FIELDS} if saved else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(domain=self.row.domain, **kwargs)

    def save(self, form):
        domain_reflection_save(
            cycle=self.cycle,
            domain=self.row.domain,
            texts=form.texts(),
            actor=self.request.user,
            expected_version=form.posted_version(),
        )
        messages.success(self.request, _("Reflections saved."))
        return redirect(
            "assessments:reflections", org_slug=self.organisation.slug, cycle_id=self.cycle.pk
        )
