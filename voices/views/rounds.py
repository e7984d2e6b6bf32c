"""A lead's pages for feedback rounds: the cycle's rounds, opening one (whom to ask, then
what), a round's page (its link, poster, figures and comments), changing and closing it,
and its figures as CSV."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from assessments.views.mixins import CycleMixin
from organisations.tenancy import OrganisationFormView
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Capability
from voices.exports import round_csv
from voices.forms import (
    AudienceForm,
    CommentDecisionForm,
    RoundCloseForm,
    RoundDetailsForm,
    RoundOpenForm,
)
from voices.models import Audience
from voices.policies import round_steps
from voices.poster import qr_code_svg
from voices.selectors import (
    comment_in_round,
    cycle_rounds,
    round_comments,
    round_in_cycle,
    round_results,
    round_statements,
    statements_to_offer,
)
from voices.services import (
    feedback_comment_decide,
    feedback_round_close,
    feedback_round_export_record,
    feedback_round_open,
    feedback_round_update,
)


class RoundsMixin(CycleMixin):
    capability = Capability.RUN_FEEDBACK

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["new_round_steps"] = round_steps(None, self.membership.role)
        return context


class RoundListView(RoundsMixin, TemplateView):
    template_name = "voices/rounds.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(rounds=cycle_rounds(cycle=self.cycle), **kwargs)


class RoundAudienceView(RoundsMixin, OrganisationFormView):
    """Opening a round, first: whom it asks (the statements offered depend on it)."""

    template_name = "voices/round_audience.html"
    form_class = AudienceForm

    def save(self, form):
        return redirect(
            "voices:open",
            org_slug=self.organisation.slug,
            cycle_id=self.cycle.pk,
            audience=form.cleaned_data["audience"],
        )


class RoundOpenView(RoundsMixin, OrganisationFormView):
    """Opening a round, then: which statements, until when, and the support text."""

    template_name = "voices/round_open.html"
    form_class = RoundOpenForm

    def load_objects(self, **url_kwargs) -> None:
        super().load_objects(**url_kwargs)
        if url_kwargs["audience"] not in Audience.values:
            raise Http404("No such audience")
        self.audience = Audience(url_kwargs["audience"])
        self.statements = list(
            statements_to_offer(cycle=self.cycle, statement_set=self.audience.statement_set)
        )

    def get_initial(self):
        return RoundOpenForm.initial_values(self.statements)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "statements": self.statements,
            "submit_label": _("Open the round"),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(audience=self.audience, **kwargs)

    def save(self, form):
        feedback_round = feedback_round_open(
            cycle=self.cycle,
            audience=self.audience,
            closes_on=form.cleaned_data["closes_on"],
            statements=form.statements_chosen(),
            max_responses=form.cleaned_data["max_responses"],
            support_en=form.cleaned_data["support_en"],
            support_cy=form.cleaned_data["support_cy"],
            actor=self.request.user,
        )
        messages.success(self.request, _("Feedback round opened. Share its link or poster."))
        return redirect(round_url(feedback_round, self.organisation))


def round_url(feedback_round, organisation, name: str = "voices:round") -> str:
    return reverse(
        name,
        kwargs={
            "org_slug": organisation.slug,
            "cycle_id": feedback_round.cycle_id,
            "round_id": feedback_round.pk,
        },
    )


class RoundMixin(RoundsMixin):
    request: HttpRequest

    def load_objects(self, **url_kwargs) -> None:
        super().load_objects(**url_kwargs)
        self.feedback_round = round_in_cycle(cycle=self.cycle, round_id=url_kwargs["round_id"])

    def public_link(self) -> str:
        return self.request.build_absolute_uri(
            reverse("feedback:start", kwargs={"token": self.feedback_round.token})
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "feedback_round": self.feedback_round,
                "round_steps": round_steps(self.feedback_round, self.membership.role),
                "public_link": self.public_link(),
            }
        )
        return context


class RoundView(RoundMixin, TemplateView):
    template_name = "voices/round.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            results=round_results(feedback_round=self.feedback_round),
            comments=round_comments(feedback_round=self.feedback_round),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        """A lead's choice on one comment: include it, or leave it out."""
        form = CommentDecisionForm(request.POST)
        comment = None
        if form.is_valid():
            comment = comment_in_round(
                feedback_round=self.feedback_round, comment_id=form.cleaned_data["comment"]
            )
        if comment is None:
            messages.error(request, _("That comment could not be found. Choose one below."))
            return redirect(request.path + "#comments")
        try:
            feedback_comment_decide(
                comment=comment,
                decision=form.cleaned_data["decision"],
                expected_decision=form.cleaned_data["shown"],
                actor=request.user,
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Your choice about the comment is saved."))
        return redirect(request.path + f"#comment-{comment.pk}")


class RoundEditView(RoundMixin, OrganisationFormView):
    template_name = "voices/round_edit.html"
    form_class = RoundDetailsForm

    def edited_object(self):
        return self.feedback_round

    def get_initial(self):
        return RoundDetailsForm.initial_for(self.feedback_round)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Save changes")}

    def save(self, form):
        feedback_round_update(
            feedback_round=self.feedback_round,
            closes_on=form.cleaned_data["closes_on"],
            max_responses=form.cleaned_data["max_responses"],
            support_en=form.cleaned_data["support_en"],
            support_cy=form.cleaned_data["support_cy"],
            actor=self.request.user,
            expected_version=form.posted_version(),
        )
        messages.success(self.request, _("Feedback round changed."))
        return redirect(round_url(self.feedback_round, self.organisation))


class RoundCloseView(RoundMixin, OrganisationFormView):
    template_name = "voices/round_close.html"
    form_class = RoundCloseForm

    def edited_object(self):
        return self.feedback_round

    def save(self, form):
        feedback_round_close(
            feedback_round=self.feedback_round,
            actor=self.request.user,
            expected_version=form.posted_version(),
        )
        messages.success(
            self.request, _("Feedback round closed. Its link no longer takes answers.")
        )
        return redirect(round_url(self.feedback_round, self.organisation))


class PosterView(RoundMixin, TemplateView):
    """A page to print for a waiting room or a staff room: in Welsh and English, with the
    link as a QR code."""

    template_name = "voices/poster.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            qr_code=qr_code_svg(self.public_link()),
            statement_count=len(round_statements(feedback_round=self.feedback_round)),
            **kwargs,
        )


class RoundCsvView(RoundMixin, View):
    def get(self, request, *args, **kwargs):
        try:
            feedback_round_export_record(feedback_round=self.feedback_round, actor=request.user)
        except DomainError as refused:
            raise PermissionDenied from refused
        content = round_csv(results=round_results(feedback_round=self.feedback_round))
        name = slugify(f"{self.organisation.slug}-feedback-{self.feedback_round.pk}")[:80]
        return FileResponse(
            io.BytesIO(content),
            as_attachment=True,
            filename=f"{name}.csv",
            content_type="text/csv; charset=utf-8",
        )
