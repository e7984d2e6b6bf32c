"""A network's case studies ("shared learning"). Members of an organisation that has
joined read them, under /o/<org-slug>/networks/<network-slug>/case-studies/, and its
leads publish one; the network's coordinators read the same list under
/n/<network-slug>/case-studies/ and highlight a case study, or stop highlighting it."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from networks.forms.case_studies import CaseStudyForm, DomainFilterForm, HighlightForm
from networks.models import Network
from networks.selectors.case_studies import (
    case_studies_for_network,
    case_study_domains,
    case_study_in_network,
    publishable_indicators,
)
from networks.services.case_studies import case_study_highlight, case_study_publish
from networks.views.coordinator import CoordinatorMixin
from networks.views.organisation import MembershipMixin
from organisations.tenancy import OrganisationFormView
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Capability


class CaseStudyListMixin:
    """The list and its domain area filter, for the network in `self.network`."""

    network: Network
    request: HttpRequest

    def case_study_context(self) -> dict:
        domains = case_study_domains()
        filter_form = DomainFilterForm(self.request.GET, domains=domains)
        return {
            "filter_form": filter_form,
            "domain_chosen": filter_form.chosen,
            "case_studies": case_studies_for_network(
                network=self.network, domain=filter_form.chosen
            ),
        }


class CaseStudiesView(CaseStudyListMixin, MembershipMixin, TemplateView):
    """Any member reads the list while the organisation is in the network."""

    template_name = "networks/case_studies/organisation.html"
    capability = Capability.VIEW_ORGANISATION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["steps"].read_case_studies:
            context.update(self.case_study_context())
        return context


class PublishView(MembershipMixin, OrganisationFormView):
    """A lead publishes a case study; while the organisation is not in the network, the
    page says so instead of showing the form."""

    template_name = "networks/case_studies/publish.html"
    form_class = CaseStudyForm
    capability = Capability.MANAGE_NETWORKS

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "indicators": publishable_indicators()}

    def save(self, form):
        case_study_publish(
            membership=self.network_membership, actor=self.request.user,
            **form.case_study_values(),
        )  # fmt: skip
        messages.success(
            self.request,
            _("Your case study is published. Members of %(network)s can read it now.")
            % {"network": self.network.name},
        )
        return redirect(
            "networks:case_studies",
            org_slug=self.organisation.slug,
            network_slug=self.network.slug,
        )


class CoordinatorCaseStudiesView(CaseStudyListMixin, CoordinatorMixin, TemplateView):
    template_name = "networks/case_studies/coordinator.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.case_study_context(), **kwargs)


class HighlightView(CoordinatorMixin, View):
    """One button per case study on the coordinator's list (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        case_study = case_study_in_network(self.network, kwargs["case_study_id"])
        form = HighlightForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest()
        highlighted = form.cleaned_data["highlighted"]
        try:
            case_study_highlight(case_study=case_study, actor=request.user, highlighted=highlighted)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            text = (
                _("“%(title)s” is highlighted: members read it first.")
                if highlighted
                else _("“%(title)s” is no longer highlighted.")
            )
            messages.success(request, text % {"title": case_study.title})
        return redirect(
            reverse("coordinator:case_studies", kwargs={"network_slug": self.network.slug})
        )
