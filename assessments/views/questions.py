"""The question pages: one page per readiness theme, and one page per domain.

Each save writes the whole page in one transaction. If someone else saved the page after
it was opened, nothing is written: the page comes back with their answers, a message, and
what this person had entered shown beside each question so it is not lost.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from assessments.forms.answers import (
    SAVE_AND_RETURN,
    DomainAnswersForm,
    ReadinessAnswersForm,
)
from assessments.models import READINESS_SECTION
from assessments.selectors import questionnaire
from assessments.services.answers import (
    StaleSectionError,
    domain_answers_save,
    readiness_answers_save,
)
from assessments.views.mixins import RespondentMixin
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Capability, role_can


class QuestionPageView(RespondentMixin, TemplateView):
    """Shared flow; subclasses say how to load the page, build the form and save."""

    form_class = None
    section_key = ""

    def page_data(self) -> questionnaire.QuestionPage:
        raise NotImplementedError

    def save_answers(self, form, page):
        raise NotImplementedError

    def build_form(self, page, data=None, unsaved=None):
        revision = page.revision.revision if page.revision else 0
        extras = {
            q.pk: {
                "spread": page.spread.get(q.pk),
                "notes": page.colleague_notes.get(q.pk),
                "held_back": q.pk in page.views_held_back,
                "unsaved": (unsaved or {}).get(q.pk),
            }
            for q in page.questions
        }
        initial = self.form_class.initial_for(page.answers, revision)
        return self.form_class(
            data,
            initial=initial,
            questions=page.questions,
            extras=extras,
            **self.form_kwargs(page),
        )

    def form_kwargs(self, page) -> dict:
        return {}

    @property
    def from_check(self) -> bool:
        """Opened from "Change" on Check your answers: saving goes back there."""
        asked = self.request.POST.get("from") or self.request.GET.get("from")
        return asked == "check" and role_can(self.membership.role, Capability.RUN_ASSESSMENT)

    def render_page(self, page, form, **extra):
        return self.render_to_response(
            self.get_context_data(
                page=page, form=form, response=self.response, from_check=self.from_check, **extra
            )
        )

    def get(self, request, *args, **kwargs):
        if self.cycle.is_submitted:
            return self.redirect_when_locked()
        page = self.page_data()
        return self.render_page(page, self.build_form(page))

    def post(self, request, *args, **kwargs):
        if self.cycle.is_submitted:
            return self.redirect_when_locked()
        page = self.page_data()
        form = self.build_form(page, data=request.POST)
        if not form.is_valid():
            return self.render_page(page, form)
        try:
            self.save_answers(form, page)
        except StaleSectionError as stale:
            page = self.page_data()
            fresh = self.build_form(page, unsaved=form.answers())
            return self.render_page(page, fresh, stale=stale)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.render_page(page, form)
        return self.redirect_after_save(page)

    def following_page(self, page) -> str | None:
        """The next page of questions, if there is one."""
        following = questionnaire.next_section(cycle=self.cycle, key=self.section_key)
        if following is None:
            return None
        return reverse(
            "assessments:domain",
            kwargs={
                "org_slug": self.organisation.slug,
                "cycle_id": self.cycle.pk,
                "code": following,
            },
        )

    def redirect_when_locked(self):
        messages.info(
            self.request, _("This assessment has been submitted, so its answers are locked.")
        )
        return redirect(
            "assessments:results", org_slug=self.organisation.slug, cycle_id=self.cycle.pk
        )

    def redirect_after_save(self, page):
        slug, cycle_id = self.organisation.slug, self.cycle.pk
        if SAVE_AND_RETURN in self.request.POST:
            messages.success(
                self.request, _("Your answers have been saved. You can come back at any time.")
            )
            return redirect("assessments:hub", org_slug=slug, cycle_id=cycle_id)
        if self.from_check:
            messages.success(self.request, _("Your answers have been saved."))
            return redirect("assessments:check", org_slug=slug, cycle_id=cycle_id)
        following = self.following_page(page)
        if following:
            return redirect(following)
        messages.success(self.request, _("Your answers have been saved."))
        if role_can(self.membership.role, Capability.RUN_ASSESSMENT):
            return redirect("assessments:check", org_slug=slug, cycle_id=cycle_id)
        return redirect("assessments:hub", org_slug=slug, cycle_id=cycle_id)


class ReadinessStartView(RespondentMixin, View):
    """Where the questionnaire starts: its first readiness theme."""

    def get(self, request, *args, **kwargs):
        code = questionnaire.first_readiness_theme(cycle=self.cycle)
        if code is None:
            raise Http404("This assessment has no readiness questions")
        target = reverse(
            "assessments:readiness_theme",
            kwargs={"org_slug": self.organisation.slug, "cycle_id": self.cycle.pk, "code": code},
        )
        query = request.GET.urlencode()
        return redirect(f"{target}?{query}" if query else target)


class ReadinessView(QuestionPageView):
    template_name = "assessments/questions/readiness.html"
    form_class = ReadinessAnswersForm
    section_key = READINESS_SECTION

    def page_data(self):
        return questionnaire.readiness_page(
            cycle=self.cycle, response=self.response, code=self.kwargs["code"]
        )

    def save_answers(self, form, page):
        readiness_answers_save(
            response=self.response,
            theme=page.theme,
            answers=form.answers(),
            expected_revision=form.cleaned_data["revision"],
            actor=self.request.user,
            base_url=self.request.build_absolute_uri("/"),
        )

    def following_page(self, page):
        if page.next_theme:
            return reverse(
                "assessments:readiness_theme",
                kwargs={
                    "org_slug": self.organisation.slug,
                    "cycle_id": self.cycle.pk,
                    "code": page.next_theme,
                },
            )
        return super().following_page(page)


class DomainView(QuestionPageView):
    template_name = "assessments/questions/domain.html"
    form_class = DomainAnswersForm

    def page_data(self):
        page = questionnaire.domain_page(
            cycle=self.cycle, response=self.response, code=self.kwargs["code"]
        )
        if page.domain is None:
            raise Http404("No such domain in this assessment")
        self.section_key = page.domain.code
        return page

    def save_answers(self, form, page):
        domain_answers_save(
            response=self.response,
            domain=page.domain,
            answers=form.answers(),
            expected_revision=form.cleaned_data["revision"],
            actor=self.request.user,
            base_url=self.request.build_absolute_uri("/"),
        )
