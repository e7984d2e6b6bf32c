"""Resolve the cycle in the URL, and whose answers the signed-in person is working on."""

from django.core.exceptions import PermissionDenied

from assessments.policies import cycle_steps
from assessments.selectors.cycles import (
    contributor_response_for,
    cycle_in_organisation,
    organisation_response_for,
)
from organisations.tenancy import OrganisationMixin
from trauma_wales.permissions import Capability, role_can


class CycleMixin(OrganisationMixin):
    """Loads `self.cycle` from this organisation only (404 otherwise)."""

    capability = Capability.VIEW_ASSESSMENTS

    def load_objects(self, **url_kwargs) -> None:
        self.cycle = cycle_in_organisation(
            organisation=self.organisation, cycle_id=url_kwargs["cycle_id"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cycle"] = self.cycle
        context["cycle_steps"] = cycle_steps(self.cycle, self.membership.role)
        return context


def response_for_member(*, cycle, membership):
    """The response set this member answers: the organisation's for a lead, their own for
    an invited contributor; None for anyone else."""
    if role_can(membership.role, Capability.RUN_ASSESSMENT):
        return organisation_response_for(cycle=cycle)
    if role_can(membership.role, Capability.GIVE_VIEWS):
        return contributor_response_for(cycle=cycle, user=membership.user_id)
    return None


class RespondentMixin(CycleMixin):
    """Sets `self.response`; refuses people who do not answer this cycle (403)."""

    def load_objects(self, **url_kwargs) -> None:
        super().load_objects(**url_kwargs)
        self.response = response_for_member(cycle=self.cycle, membership=self.membership)
        if self.response is None:
            raise PermissionDenied
