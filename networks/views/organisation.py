"""An organisation's networks, under /o/<org-slug>/networks/: every member sees which
networks it is in; leads answer invitations, choose what is shared, and leave."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from networks.forms.memberships import ConfirmForm, SharingForm
from networks.policies import membership_steps
from networks.selectors.networks import membership_in_organisation, memberships_for_organisation
from networks.services.memberships import (
    network_decline,
    network_join,
    network_leave,
    network_sharing_update,
)
from organisations.tenancy import OrganisationFormView, OrganisationMixin
from trauma_wales.permissions import Capability


class NetworksView(OrganisationMixin, TemplateView):
    template_name = "networks/organisation/networks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            (membership, membership_steps(membership, self.membership.role))
            for membership in memberships_for_organisation(organisation=self.organisation)
        ]
        return context


class MembershipMixin(OrganisationMixin):
    """A page about the organisation's place in one network (404 if never invited)."""

    capability = Capability.MANAGE_NETWORKS

    def load_objects(self, **url_kwargs) -> None:
        self.network_membership = membership_in_organisation(
            organisation=self.organisation, network_slug=url_kwargs["network_slug"]
        )
        self.network = self.network_membership.network

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["network"] = self.network
        context["network_membership"] = self.network_membership
        context["steps"] = membership_steps(self.network_membership, self.membership.role)
        return context

    def networks_url(self) -> str:
        return reverse("networks:organisation", kwargs={"org_slug": self.organisation.slug})


class JoinView(MembershipMixin, OrganisationFormView):
    template_name = "networks/organisation/join.html"
    form_class = SharingForm

    def get_initial(self):
        return {"sharing": ["figures"]}  # figures by default; the name only if chosen

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": gettext_lazy("Join the network")}

    def save(self, form):
        network_join(membership=self.network_membership, actor=self.request.user, **form.shares())
        messages.success(
            self.request, _("%(organisation)s has joined %(network)s.")
            % {"organisation": self.organisation.name, "network": self.network.name},
        )  # fmt: skip
        return redirect(self.networks_url())


class DeclineView(MembershipMixin, OrganisationFormView):
    template_name = "networks/organisation/decline.html"
    form_class = ConfirmForm

    def get_form_kwargs(self):
        label = gettext_lazy("Decline the invitation")
        return {**super().get_form_kwargs(), "submit_label": label}

    def save(self, form):
        network_decline(membership=self.network_membership, actor=self.request.user)
        messages.success(
            self.request, _("You declined the invitation from %(network)s.")
            % {"network": self.network.name},
        )  # fmt: skip
        return redirect(self.networks_url())


class SharingView(MembershipMixin, OrganisationFormView):
    template_name = "networks/organisation/sharing.html"
    form_class = SharingForm

    def edited_object(self):
        return self.network_membership

    def get_initial(self):
        return SharingForm.initial_for(self.network_membership)

    def save(self, form):
        network_sharing_update(
            membership=self.network_membership, actor=self.request.user,
            expected_version=form.posted_version(), **form.shares(),
        )  # fmt: skip
        messages.success(self.request, _("What you share with the network is saved."))
        return redirect(self.networks_url())


class LeaveView(MembershipMixin, OrganisationFormView):
    template_name = "networks/organisation/leave.html"
    form_class = ConfirmForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": gettext_lazy("Leave the network")}

    def save(self, form):
        network_leave(membership=self.network_membership, actor=self.request.user)
        messages.success(
            self.request,
            _("%(organisation)s has left %(network)s. It shares nothing with it from now on.")
            % {"organisation": self.organisation.name, "network": self.network.name},
        )
        return redirect(self.networks_url())
