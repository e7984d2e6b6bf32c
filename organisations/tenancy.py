"""The tenancy boundary: resolve the organisation in the URL through the user's membership.

Every organisation page uses `OrganisationMixin`. It answers, in this order:
- not signed in: redirect to sign in;
- not a member of the organisation in the URL (or no such organisation): 404, so a
  person cannot even learn whether another organisation exists;
- a member whose role lacks the view's capability: 403.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views.generic import FormView

from organisations.models import Membership
from organisations.policies import organisation_steps
from trauma_wales.permissions import Abilities, Capability, role_can
from trauma_wales.views import DomainErrorFormMixin


def membership_for(*, user, organisation_slug: str) -> Membership:
    """The user's membership of the organisation with this slug, or 404."""
    try:
        return Membership.objects.select_related("organisation").get(
            user=user, organisation__slug=organisation_slug
        )
    except Membership.DoesNotExist as missing:
        raise Http404("No such organisation for this user") from missing


class OrganisationMixin(LoginRequiredMixin):
    """Sets `self.membership` and `self.organisation`; checks `capability`."""

    capability: Capability = Capability.VIEW_ORGANISATION
    organisation_url_kwarg = "org_slug"
    kwargs: dict  # the URL's, set by Django's View.setup

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.membership = membership_for(
            user=request.user, organisation_slug=kwargs[self.organisation_url_kwarg]
        )
        self.organisation = self.membership.organisation
        if not role_can(self.membership.role, self.capability):
            raise PermissionDenied
        self.load_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self, **url_kwargs) -> None:
        """Load the organisation's objects named in the URL (404 if not this organisation's)."""

    def reload_objects(self) -> None:
        """Read the organisation and the objects in the URL again (after a stale save)."""
        self.organisation.refresh_from_db()
        self.load_objects(**self.kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.organisation_context())
        return context

    def organisation_context(self) -> dict:
        return {
            "organisation": self.organisation,
            "membership": self.membership,
            "can": Abilities(self.membership.role),
            "organisation_steps": organisation_steps(self.organisation, self.membership.role),
        }


class OrganisationFormView(OrganisationMixin, DomainErrorFormMixin, FormView):
    """An organisation page with one form: Django's `FormView` (subclasses name
    `form_class` and add what the form needs in `get_initial` or `get_form_kwargs`) and
    `save(form)`, which calls the service and returns the response."""
