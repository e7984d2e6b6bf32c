"""A coordinator's pages: the networks they coordinate (/networks/), a network's figures
(/n/<network-slug>/, and as CSV), and inviting an organisation. A network the person
does not coordinate is not found (404)."""

import io

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from networks.exports import network_csv
from networks.forms.memberships import InviteForm
from networks.policies import coordinator_steps
from networks.presenters import stage_bars, training_bars
from networks.selectors.figures import NAMED_PER_PAGE, Stage, network_figures
from networks.selectors.networks import network_for_coordinator, networks_for_coordinator
from networks.services.memberships import network_invite
from networks.services.networks import network_download_record
from trauma_wales.ids import parse_id
from trauma_wales.views import DomainErrorFormMixin


class CoordinatedNetworksView(LoginRequiredMixin, TemplateView):
    template_name = "networks/coordinator/networks.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            networks=networks_for_coordinator(user=self.request.user), **kwargs
        )


class CoordinatorMixin(LoginRequiredMixin):
    """Sets `self.network`: the network in the URL, if the person coordinates it."""

    kwargs: dict

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.network = network_for_coordinator(user=request.user, slug=kwargs["network_slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["network"] = self.network
        context["coordinator_steps"] = coordinator_steps(True)
        return context


class NetworkView(CoordinatorMixin, TemplateView):
    template_name = "networks/coordinator/network.html"

    def get_context_data(self, **kwargs):
        page = parse_id(self.request.GET.get("page", "1")) or 1
        figures = network_figures(network=self.network, named_page=page)
        pages = max(1, (figures.named_total + NAMED_PER_PAGE - 1) // NAMED_PER_PAGE)
        return super().get_context_data(
            figures=figures,
            stage_bars=stage_bars(figures.stages),
            training_bars=training_bars(figures.training),
            page=min(page, pages),
            pages=pages,
            stage_hints=Stage.HINTS,
            **kwargs,
        )


class NetworkCsvView(CoordinatorMixin, View):
    def get(self, request, *args, **kwargs):
        network_download_record(network=self.network, actor=request.user)
        content = network_csv(figures=network_figures(network=self.network))
        return FileResponse(
            io.BytesIO(content),
            as_attachment=True,
            filename=f"{self.network.slug}-figures.csv",
            content_type="text/csv; charset=utf-8",
        )


class InviteView(CoordinatorMixin, DomainErrorFormMixin, FormView):
    template_name = "networks/coordinator/invite.html"
    form_class = InviteForm

    def save(self, form):
        network_invite(
            network=self.network, actor=self.request.user, email=form.cleaned_data["email"],
            base_url=self.request.build_absolute_uri("/"),
        )  # fmt: skip
        messages.success(
            self.request,
            _(
                "If %(email)s leads an organisation that is not in the network yet, its leads "
                "will find the invitation on their networks page and by email."
            )
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("coordinator:network", network_slug=self.network.slug)
