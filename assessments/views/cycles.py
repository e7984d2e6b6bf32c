"""Cycle pages: the list, starting a cycle, the task list hub, check and submit, reopen,
inviting contributors and setting targets."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from assessments.forms.cycles import (
    NO,
    YES,
    ContributorInviteForm,
    CycleStartForm,
    ReopenForm,
    TargetsForm,
    ViewsNamingForm,
)
from assessments.policies import cycle_can_start
from assessments.selectors import cycles as cycle_selectors
from assessments.selectors.answers_summary import check_answers
from assessments.selectors.progress import cycle_domains, section_progress
from assessments.services import cycles as cycle_services
from assessments.views.mixins import CycleMixin, response_for_member
from organisations.tenancy import OrganisationFormView, OrganisationMixin
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Capability


class CycleListView(OrganisationMixin, TemplateView):
    template_name = "assessments/cycles/list.html"
    capability = Capability.VIEW_ASSESSMENTS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycles = list(cycle_selectors.cycles_for_organisation(organisation=self.organisation))
        context["cycles"] = cycles
        context["in_progress"] = next((c for c in cycles if not c.is_submitted), None)
        context["cycle_startable"] = cycle_can_start(self.membership.role)
        return context


class CycleStartView(OrganisationFormView):
    template_name = "assessments/cycles/start.html"
    capability = Capability.RUN_ASSESSMENT

    form_class = CycleStartForm

    def save(self, form):
        cycle = cycle_services.cycle_start(
            organisation=self.organisation, actor=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("Assessment started."))
        return redirect("assessments:hub", org_slug=self.organisation.slug, cycle_id=cycle.pk)


class CycleHubView(CycleMixin, TemplateView):
    """The task list for whoever answers this cycle; a summary for everyone else."""

    template_name = "assessments/cycles/hub.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        response = response_for_member(cycle=self.cycle, membership=self.membership)
        context["response"] = response
        if response is not None:
            sections = section_progress(cycle=self.cycle, response=response)
            context["sections"] = sections
            completed = sum(1 for s in sections if s.is_completed)
            context["completed_count"] = completed
            context["all_completed"] = completed == len(sections)
        context["history"] = self.cycle.history.select_related("actor")
        return context


class CheckAnswersView(CycleMixin, TemplateView):
    """Check your answers, then submit (which locks the cycle)."""

    template_name = "assessments/cycles/check.html"
    capability = Capability.RUN_ASSESSMENT

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(check_answers(cycle=self.cycle).context())
        return context

    def post(self, request, *args, **kwargs):
        try:
            cycle_services.cycle_submit(cycle=self.cycle, actor=request.user)
        except DomainError as error:
            return self.render_to_response(self.get_context_data(error=error))
        messages.success(request, _("Assessment submitted. The answers are now locked."))
        return redirect(
            "assessments:results", org_slug=self.organisation.slug, cycle_id=self.cycle.pk
        )


class ReopenView(CycleMixin, OrganisationFormView):
    template_name = "assessments/cycles/reopen.html"
    capability = Capability.RUN_ASSESSMENT

    form_class = ReopenForm

    def save(self, form):
        cycle_services.cycle_reopen(
            cycle=self.cycle, actor=self.request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(self.request, _("Assessment reopened. You can change the answers again."))
        return redirect("assessments:hub", org_slug=self.organisation.slug, cycle_id=self.cycle.pk)


class ContributorsView(CycleMixin, OrganisationFormView):
    template_name = "assessments/cycles/contributors.html"
    capability = Capability.RUN_ASSESSMENT

    def load_objects(self, **url_kwargs) -> None:
        super().load_objects(**url_kwargs)
        self.contributors = list(cycle_selectors.contributors_for_cycle(cycle=self.cycle))
        self.candidates = cycle_selectors.contributor_candidates(
            cycle=self.cycle, invited={c.user_id for c in self.contributors}
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contributors"] = cycle_selectors.contributor_progress(
            cycle=self.cycle, contributors=self.contributors
        )
        context["candidates"] = self.candidates
        return context

    form_class = ContributorInviteForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "memberships": self.candidates}

    def save(self, form):
        membership = next(m for m in self.candidates if m.pk == form.cleaned_data["member"])
        hub = reverse("assessments:hub", args=[self.organisation.slug, self.cycle.pk])
        cycle_services.contributor_invite(
            cycle=self.cycle,
            membership=membership,
            actor=self.request.user,
            cycle_url=self.request.build_absolute_uri(hub),
        )
        messages.success(
            self.request,
            _("%(name)s can now give their views on this assessment. We have emailed them.")
            % {"name": membership.user.full_name},
        )
        return redirect(
            "assessments:contributors", org_slug=self.organisation.slug, cycle_id=self.cycle.pk
        )


class ViewsNamingView(CycleMixin, OrganisationFormView):
    """A lead chooses whether colleagues' views are shown with names or anonymously."""

    template_name = "assessments/cycles/views_naming.html"
    capability = Capability.RUN_ASSESSMENT
    form_class = ViewsNamingForm

    def get_initial(self):
        shown = YES if self.cycle.views_named else NO
        return {"views_named": shown, "was_named": shown}

    def save(self, form):
        cycle_services.cycle_views_naming_set(
            cycle=self.cycle,
            named=form.cleaned_data["views_named"],
            was_named=form.cleaned_data["was_named"],
            actor=self.request.user,
        )
        messages.success(self.request, _("How colleagues' views are shown has been saved."))
        return redirect(
            "assessments:contributors", org_slug=self.organisation.slug, cycle_id=self.cycle.pk
        )


class TargetsView(CycleMixin, OrganisationFormView):
    template_name = "assessments/cycles/targets.html"
    capability = Capability.RUN_ASSESSMENT

    form_class = TargetsForm

    def edited_object(self):
        return self.cycle

    def get_initial(self):
        return {
            f"domain-{domain_id}": level
            for domain_id, level in self.cycle.targets.values_list("domain_id", "level")
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "domains": cycle_domains(cycle=self.cycle)}

    def save(self, form):
        cycle_services.domain_targets_save(
            cycle=self.cycle,
            targets=form.targets(),
            actor=self.request.user,
            expected_version=form.posted_version(),
        )
        messages.success(self.request, _("Target levels saved."))
        return redirect(
            "assessments:results", org_slug=self.organisation.slug, cycle_id=self.cycle.pk
        )
