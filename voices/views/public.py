"""The pages a person answers a feedback round on, without an account.

A first page says what the round is, that it is anonymous, that they can stop at any time
and where to find support, and asks how they would like to answer: one statement at a
time or all on one page, in the usual or the easy-read wording (in the language the page
is in). Answering one at a time carries the answers given so far in the form itself, so
nothing is kept until the person sends them, and every page works without JavaScript.

Nothing about the person is kept: no account, no session, no address (rate limits count
in the shared cache under a key made with the secret key: trauma_wales.rate_limits).
A form field people never see catches programs that fill in every field: what they send
is thanked for and thrown away. An unknown link and a closed round each say so kindly.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views import View

from trauma_wales.errors import DomainError
from trauma_wales.rate_limits import client_address, feedback_limits, limit_reached, unlinkable
from voices.forms import (
    ALL_ON_ONE_PAGE,
    EASY_READ,
    ONE_AT_A_TIME,
    ResponseForm,
    StartForm,
    statement_field_name,
)
from voices.models import Audience, FeedbackRound
from voices.selectors import round_for_link, round_statements
from voices.services import ROUND_FULL, ROUND_NOT_OPEN, feedback_response_submit

NEXT, BACK, SEND = "next", "back", "send"


class PublicRoundView(View):
    """Finds the round the link names; an unknown link (404) and a closed round (410) get
    their own kind page instead of the view's."""

    needs_open = True
    feedback_round: FeedbackRound

    def dispatch(self, request, *args, **kwargs):
        found = round_for_link(token=kwargs["token"])
        if found is None:
            return render(request, "voices/public/unknown.html", status=404)
        self.feedback_round = found
        if self.needs_open and not self.feedback_round.is_open:
            return self.closed(ROUND_NOT_OPEN)
        if self.needs_open and self.feedback_round.is_full:
            return self.closed(ROUND_FULL)
        return super().dispatch(request, *args, **kwargs)

    def closed(self, message, status: int = 410):
        return render(
            request=self.request,
            template_name="voices/public/closed.html",
            context={**self.round_context(), "message": message},
            status=status,
        )

    def round_context(self) -> dict:
        feedback_round = self.feedback_round
        return {
            "feedback_round": feedback_round,
            "organisation": None,  # not a member's page: no organisation banner
            "organisation_name": feedback_round.cycle.organisation.name,
            "audience": Audience(feedback_round.audience),
        }


class StartView(PublicRoundView):
    def get(self, request, token):
        form = StartForm()
        form.helper.form_action = reverse("feedback:answer", kwargs={"token": token})
        return render(
            request,
            "voices/public/start.html",
            {
                **self.round_context(),
                "form": form,
                "statement_count": self.feedback_round.statements.count(),
            },
        )


class AnswerView(PublicRoundView):
    """All the statements on one page, or one at a time with a last page for a comment."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.one_at_a_time = request.GET.get("layout", ONE_AT_A_TIME) != ALL_ON_ONE_PAGE
        self.easy_read = request.GET.get("words") == EASY_READ

    def form(self, data=None) -> ResponseForm:
        self.statements = round_statements(feedback_round=self.feedback_round)
        return ResponseForm(data, statements=self.statements, easy_read=self.easy_read)

    def page_count(self) -> int:
        return len(self.statements) + 1  # the last page: a comment, then send

    def show(self, form: ResponseForm, page: int = 1):
        page = min(max(page, 1), self.page_count())
        fields = [form[statement_field_name(s)] for s in self.statements]
        if self.one_at_a_time:
            shown = fields[page - 1 : page]
            carried = [f for f in fields if f not in shown]
        else:
            shown, carried = fields, []
        last_page = not self.one_at_a_time or page == self.page_count()
        return render(
            self.request,
            "voices/public/answer.html",
            {
                **self.round_context(),
                "form": form,
                "shown": shown,
                "carried": carried,
                "page": page,
                "page_count": self.page_count(),
                "one_at_a_time": self.one_at_a_time,
                "last_page": last_page,
            },
        )

    def get(self, request, token):
        return self.show(self.form())

    def post(self, request, token):
        form = self.form(request.POST)
        try:
            page = int(request.POST.get("page", "1"))
        except ValueError:
            page = 1
        go = request.POST.get("go", SEND)
        if not form.is_valid():
            first_error = next(
                (
                    number
                    for number, s in enumerate(self.statements, start=1)
                    if statement_field_name(s) in form.errors
                ),
                self.page_count(),
            )
            return self.show(form, first_error if self.one_at_a_time else 1)
        if self.one_at_a_time and go in (NEXT, BACK):
            return self.show(form, page + 1 if go == NEXT else page - 1)
        if form.is_trap_filled():
            return HttpResponseRedirect(self.thanks_url())
        if self.over_limits():
            return render(request, "voices/public/too_many.html", self.round_context(), status=429)
        try:
            feedback_response_submit(
                feedback_round=self.feedback_round,
                answers=form.answers(),
                comment=form.cleaned_data["comment"],
                language=get_language(),
            )
        except DomainError as error:
            if error.message in (ROUND_NOT_OPEN, ROUND_FULL):
                return self.closed(error.message)
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.show(form, self.page_count())
        return HttpResponseRedirect(self.thanks_url())

    def over_limits(self) -> bool:
        per_address, per_link = feedback_limits()
        token = self.feedback_round.token
        address = unlinkable(token, client_address(self.request))
        return limit_reached(self.request, per_address, address) or limit_reached(
            self.request, per_link, unlinkable(token)
        )

    def thanks_url(self) -> str:
        return reverse("feedback:thanks", kwargs={"token": self.feedback_round.token})


class ThanksView(PublicRoundView):
    needs_open = False

    def get(self, request, token):
        return render(request, "voices/public/thanks.html", self.round_context())
