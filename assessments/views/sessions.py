"""Consensus sessions: the list, recording a session, the session's list of indicators (in
"where views differ most" order or the framework's), and the facilitation page that
shows one indicator at a time for the group to agree."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from assessments.forms.sessions import NOT_APPLICABLE, FacilitationForm, SessionForm
from assessments.models import Outcome
from assessments.selectors.sessions import (
    DIFFER,
    FRAMEWORK_ORDER,
    cycle_sessions,
    facilitation_page,
    session_in_cycle,
    session_queue,
)
from assessments.services.answers import StaleSectionError
from assessments.services.sessions import (
    session_item_record,
    session_schedule,
    session_update,
)
from assessments.views.mixins import CycleMixin
from organisations.selectors import members_for_organisation
from organisations.tenancy import OrganisationFormView
from trauma_wales.permissions import Capability


def _order(request) -> str:
    return FRAMEWORK_ORDER if request.GET.get("order") == FRAMEWORK_ORDER else DIFFER


class SessionListView(CycleMixin, TemplateView):
    template_name = "assessments/sessions/list.html"
    capability = Capability.RUN_ASSESSMENT

    def get_context_data(self, **kwargs):
        return super().get_context_data(sessions=cycle_sessions(cycle=self.cycle), **kwargs)


class SessionScheduleView(CycleMixin, OrganisationFormView):
    template_name = "assessments/sessions/new.html"
    capability = Capability.RUN_ASSESSMENT
    form_class = SessionForm

    def get_form_kwargs(self):
        memberships = members_for_organisation(organisation=self.organisation)
        return {**super().get_form_kwargs(), "memberships": memberships}

    def save(self, form):
        session = session_schedule(
            cycle=self.cycle,
            held_on=form.cleaned_data["held_on"],
            members=form.people_chosen(),
            guests=form.guests(),
            guest_names=form.cleaned_data["guest_names"],
            actor=self.request.user,
        )
        messages.success(self.request, _("Session recorded."))
        return redirect(
            "assessments:session",
            org_slug=self.organisation.slug,
            cycle_id=self.cycle.pk,
            session_id=session.pk,
        )


class SessionMixin(CycleMixin):
    capability = Capability.RUN_ASSESSMENT

    def load_objects(self, **url_kwargs) -> None:
        super().load_objects(**url_kwargs)
        self.session = session_in_cycle(cycle=self.cycle, session_id=url_kwargs["session_id"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)


class SessionView(SessionMixin, TemplateView):
    template_name = "assessments/sessions/session.html"

    def get_context_data(self, **kwargs):
        queue = session_queue(session=self.session, order=_order(self.request))
        return super().get_context_data(queue=queue, **kwargs)


class SessionEditView(SessionMixin, OrganisationFormView):
    """Correct a session's date or who took part."""

    template_name = "assessments/sessions/edit.html"
    form_class = SessionForm

    def edited_object(self):
        return self.session

    def get_initial(self):
        return SessionForm.initial_for(self.session)

    def get_form_kwargs(self):
        memberships = members_for_organisation(organisation=self.organisation)
        return {
            **super().get_form_kwargs(),
            "memberships": memberships,
            "submit_label": _("Save changes"),
        }

    def save(self, form):
        session_update(
            session=self.session,
            held_on=form.cleaned_data["held_on"],
            members=form.people_chosen(),
            guests=form.guests(),
            guest_names=form.cleaned_data["guest_names"],
            actor=self.request.user,
            expected_version=form.posted_version(),
        )
        messages.success(self.request, _("Session changed."))
        return redirect(
            "assessments:session",
            org_slug=self.organisation.slug,
            cycle_id=self.cycle.pk,
            session_id=self.session.pk,
        )


class FacilitationView(SessionMixin, OrganisationFormView):
    """One indicator in large type for the group: views, notes, and the decision."""

    template_name = "assessments/sessions/facilitate.html"
    form_class = FacilitationForm

    def load_objects(self, **url_kwargs) -> None:
        super().load_objects(**url_kwargs)
        self.page = facilitation_page(
            session=self.session, code=url_kwargs["code"], order=_order(self.request)
        )

    def get_initial(self):
        initial: dict[str, object] = {"revision": self.page.revision}
        here = self.page.row.here
        if here is not None:
            if here.outcome == Outcome.NOT_AGREED:
                initial["decision"] = Outcome.NOT_AGREED.value
            else:
                initial["decision"] = NOT_APPLICABLE if here.not_applicable else str(here.score)
            initial.update(reason=here.reason, actions=here.actions)
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, order=self.page.queue.order, **kwargs)

    def _url(self, name: str, **extra) -> str:
        url = reverse(
            f"assessments:{name}",
            kwargs={
                "org_slug": self.organisation.slug,
                "cycle_id": self.cycle.pk,
                "session_id": self.session.pk,
                **extra,
            },
        )
        return f"{url}?order={self.page.queue.order}"

    def save(self, form):
        try:
            session_item_record(
                session=self.session,
                indicator=self.page.row.indicator,
                decision=form.decision_value(),
                expected_revision=form.cleaned_data["revision"],
                actor=self.request.user,
            )
        except StaleSectionError as stale:
            self.load_objects(**self.kwargs)
            data = form.data.copy()
            data["revision"] = str(self.page.revision)
            retry = FacilitationForm(data=data)
            retry.is_valid()
            retry.add_error(None, stale.message)
            return self.form_invalid(retry)
        messages.success(self.request, _("Saved."))
        following = self.page.next_row
        if "save_next" in self.request.POST and following is not None:
            return redirect(self._url("facilitate", code=following.indicator.code))
        return redirect(self._url("session"))
