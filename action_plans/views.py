"""Action plan pages: the plan, its actions, suggestions from the assessment, review steps,
comments and progress. Thin: resolve the plan through the cycle and organisation, call a
selector or a service, render."""

import io
from dataclasses import asdict

from crispy_forms.utils import render_crispy_form
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from action_plans import policies, prefill, selectors, services
from action_plans.exports import plan_csv, plan_xlsx
from action_plans.forms import (
    ActionForm,
    CommentForm,
    DismissGapForm,
    PlanForm,
    ProgressForm,
    ReviewForm,
)
from action_plans.models import ActionPlan, DeliveryStatus, PlanStatus
from action_plans.policies import PlanStep
from assessments.views.mixins import CycleMixin
from organisations.tenancy import OrganisationFormView
from trauma_wales.errors import DomainError
from trauma_wales.forms import RemoveForm
from trauma_wales.kept import kept, organisation_page_parts
from trauma_wales.permissions import Capability
from trauma_wales.versions import BAD_VERSION, VERSION_FIELD, StaleEdit, version_parse
from trauma_wales.views import add_domain_error, form_to_retry
from voices.selectors import statement_in_framework


class PlanLoadMixin(CycleMixin):
    """Loads `self.plan` for the cycle in the URL, or None when the cycle has no plan yet."""

    plan: ActionPlan | None

    capability = Capability.VIEW_PLAN

    def load_objects(self, **url_kwargs) -> None:
        # The plan with its cycle in one query; the cycle alone when it has no plan yet.
        self.plan = selectors.plan_of_cycle_in_organisation(
            organisation=self.organisation, cycle_id=url_kwargs["cycle_id"]
        )
        if self.plan is not None:
            self.cycle = self.plan.cycle
        else:
            super().load_objects(**url_kwargs)

    def plan_url(self) -> str:
        return reverse("plans:plan", args=[self.organisation.slug, self.cycle.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = self.plan
        context["steps"] = policies.plan_steps(self.plan, self.membership.role)
        context["plan_creatable"] = policies.plan_can_create(self.membership.role)
        return context


class PlanMixin(PlanLoadMixin):
    """Loads `self.plan` for the cycle in the URL (404 when the cycle has no plan yet)."""

    plan: ActionPlan

    def load_objects(self, **url_kwargs) -> None:
        super().load_objects(**url_kwargs)
        if self.plan is None:
            raise Http404("This assessment has no plan yet")


# Where the reader's own forms go in the plan page's kept body.
REVIEW_SLOT = "<!-- plan: review form -->"
COMMENT_SLOT = "<!-- plan: comment form -->"


class PlanView(PlanLoadMixin, TemplateView):
    """The plan: counts by status, overdue actions first, filters, review and history."""

    template_name = "action_plans/plan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.plan is not None:
            filters = selectors.PlanFilters(
                **{
                    k: self.request.GET.get(k, "").replace("\x00", "")[:40]
                    for k in ("domain", "status", "owner", "principle")
                }
            )
            context["filters"] = filters
            context["status_choices"] = DeliveryStatus.choices
            # The reader's own forms, made only for those who may use them.
            if PlanStep.APPROVE in context["steps"] or "review_form" in context:
                review_form = context.setdefault(
                    "review_form", ReviewForm(initial={VERSION_FIELD: self.plan.version})
                )
                review_form.helper.form_action = reverse(
                    "plans:step", args=[self.organisation.slug, self.cycle.pk, "review"]
                )
            if PlanStep.COMMENT in context["steps"]:
                context.setdefault("comment_form", CommentForm())
            context["plan_body"] = self.plan_body(context, self.plan, filters)
        return context

    def plan_body(self, context: dict, plan: ActionPlan, filters) -> str:
        """Everything below the plan's buttons: the same for everyone who may see the plan
        with these filters, so it is kept (trauma_wales.kept); the reader's own forms go
        into its two slots after."""

        def build() -> str:
            body_context = {
                **context,
                **selectors.plan_page(plan=plan).context(),
                "actions": selectors.plan_table_actions(plan=plan, filters=filters),
                "review_slot": mark_safe(REVIEW_SLOT),  # noqa: S308
                "comment_slot": mark_safe(COMMENT_SLOT),  # noqa: S308
            }
            return render_to_string("action_plans/_plan_body.html", body_context)

        key = (
            "plan-page",
            plan.pk,
            *organisation_page_parts(self.organisation, self.cycle.framework.content_hash),
            tuple(sorted(asdict(filters).items())),
        )
        steps, review, comment = context["steps"], "", ""
        if PlanStep.APPROVE in steps:
            review = render_to_string("action_plans/_plan_review.html", context, self.request)
        if PlanStep.COMMENT in steps:
            fields = comment_fields(context["comment_form"])
            comment = render_to_string(
                "action_plans/_plan_comment_form.html",
                {**context, "comment_fields": fields},
                self.request,
            )
        body = kept(key, build).replace(REVIEW_SLOT, review).replace(COMMENT_SLOT, comment)
        return mark_safe(body)  # noqa: S308 (our own templates' output)


def comment_fields(form: CommentForm) -> str:
    """The comment form's fields: a refused or filled-in form holds the person's own text,
    a blank one is the same for everyone in a language, so it is kept."""
    if form.is_bound or form.initial:
        return render_crispy_form(form)
    return kept(
        ("blank-form", "plans.CommentForm", get_language()), lambda: render_crispy_form(form)
    )


class PlanCreateView(CycleMixin, OrganisationFormView):
    template_name = "action_plans/plan_create.html"
    capability = Capability.EDIT_PLAN

    form_class = PlanForm

    def get_initial(self):
        return {"period_start": self.cycle.period_start, "period_end": self.cycle.period_end}

    def save(self, form):
        services.plan_create(cycle=self.cycle, actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Plan created. Add the first actions."))
        return redirect(
            "plans:suggestions", org_slug=self.organisation.slug, cycle_id=self.cycle.pk
        )


class ActionFormView(PlanMixin, OrganisationFormView):
    template_name = "action_plans/action_form.html"
    capability = Capability.EDIT_PLAN
    form_class = ActionForm

    def load_objects(self, **url_kwargs) -> None:
        super().load_objects(**url_kwargs)
        self.action = None
        if "action_id" in url_kwargs:
            self.action = selectors.action_in_plan(
                plan=self.plan, action_id=url_kwargs["action_id"]
            )
        self.gap = None
        if self.action is None:
            self.gap = selectors.indicator_in_framework(
                cycle=self.cycle, indicator_id=self.request.GET.get("gap")
            )
        self.workforce_gap = None  # a training gap from the workforce page: ?level=&group=
        if self.action is None and self.gap is None:
            self.workforce_gap = prefill.workforce_gap_for_plan(
                plan=self.plan,
                level_id=self.request.GET.get("level"),
                group_id=self.request.GET.get("group"),
            )
        self.statement = None  # a statement people disagreed with in a feedback round
        if self.action is None and self.gap is None and self.workforce_gap is None:
            self.statement = statement_in_framework(
                cycle=self.cycle, statement_id=self.request.GET.get("statement")
            )

    def get_initial(self):
        if self.gap is not None:
            return prefill.initial_from_indicator_gap(
                self.gap,
                to_find_out=selectors.answered_dont_know(cycle=self.cycle, indicator=self.gap),
            )
        if self.workforce_gap is not None:
            return prefill.initial_from_workforce_gap(self.workforce_gap, plan=self.plan)
        if self.statement is not None:
            return prefill.initial_from_feedback_statement(self.statement)
        return {}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.action,
            "choices": selectors.action_form_choices(plan=self.plan),
        }

    def edited_object(self):
        return self.action

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "action": self.action,
                "gap": self.gap,
                "workforce_gap": self.workforce_gap,
                "statement": self.statement,
            }
        )
        return context

    def save(self, form):
        services.action_save(
            plan=self.plan,
            actor=self.request.user,
            values=form.action_values(),
            action=self.action,
            expected_version=form.posted_version(),
            source_indicator=self.gap,
            source_statement=self.statement,
        )
        messages.success(self.request, _("Action saved."))
        if self.gap is not None or self.statement is not None:
            return redirect(
                "plans:suggestions", org_slug=self.organisation.slug, cycle_id=self.cycle.pk
            )
        return redirect(self.plan_url())


class ActionDeleteView(PlanMixin, OrganisationFormView):
    """Confirm removing an action, as the page shows it: one changed since is not removed
    (the page shows it as saved now, to remove or keep)."""

    template_name = "action_plans/action_delete.html"
    capability = Capability.EDIT_PLAN
    form_class = RemoveForm

    def load_objects(self, **url_kwargs) -> None:
        super().load_objects(**url_kwargs)
        self.action = selectors.action_in_plan(plan=self.plan, action_id=url_kwargs["action_id"])

    def edited_object(self):
        return self.action

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "submit_label": _("Remove action"),
            "cancel_url": self.plan_url(),
        }

    def saved_form(self):
        return ActionForm(
            instance=self.action, choices=selectors.action_form_choices(plan=self.plan)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action"] = self.action
        return context

    def save(self, form):
        services.action_delete(
            action=self.action, actor=self.request.user, expected_version=form.posted_version()
        )
        messages.success(self.request, _("Action removed from the plan."))
        return redirect(self.plan_url())


class ActionDetailView(PlanMixin, TemplateView):
    """One action: its details, progress history, comments, and the forms the role allows."""

    template_name = "action_plans/action_detail.html"

    def load_objects(self, **url_kwargs) -> None:
        super().load_objects(**url_kwargs)
        self.action = selectors.action_in_plan(plan=self.plan, action_id=url_kwargs["action_id"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action"] = self.action
        context.update(selectors.action_page(action=self.action).context())
        context.setdefault(
            "progress_form", ProgressForm(statuses=policies.delivery_choices(self.action))
        )
        context.setdefault("comment_form", CommentForm())
        return context

    def post(self, request, *args, **kwargs):
        kind = request.POST.get("form")
        if kind == "progress":
            if not policies.role_may(self.membership.role, policies.PlanStep.RECORD_PROGRESS):
                raise PermissionDenied
            form = ProgressForm(request.POST, statuses=policies.delivery_choices(self.action))
            if form.is_valid():
                try:
                    services.progress_record(
                        action=self.action, actor=request.user, **form.cleaned_data
                    )
                except DomainError as error:
                    add_domain_error(form, error)
                else:
                    messages.success(request, _("Progress recorded."))
                    return redirect(request.path)
            return self.render_to_response(self.get_context_data(progress_form=form))
        if kind == "comment":
            if not policies.role_may(self.membership.role, policies.PlanStep.COMMENT):
                raise PermissionDenied
            form = CommentForm(request.POST)
            if form.is_valid():
                services.comment_add(
                    plan=self.plan,
                    actor=request.user,
                    body=form.cleaned_data["body"],
                    action=self.action,
                )
                messages.success(request, _("Comment added."))
                return redirect(request.path)
            return self.render_to_response(self.get_context_data(comment_form=form))
        raise Http404


class SuggestionsView(PlanMixin, TemplateView):
    template_name = "action_plans/suggestions.html"
    capability = Capability.EDIT_PLAN

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["gaps"] = selectors.plan_gaps(plan=self.plan)
        context["feedback_gaps"] = selectors.plan_feedback_gaps(plan=self.plan)
        context["set_aside"] = selectors.plan_set_aside(plan=self.plan)
        context.setdefault("dismiss_form", DismissGapForm())
        return context

    def post(self, request, *args, **kwargs):
        indicator = selectors.indicator_in_framework(
            cycle=self.cycle, indicator_id=request.POST.get("indicator")
        )
        form = DismissGapForm(request.POST)
        if indicator is None:
            form.is_valid()
            form.add_error(None, _("Choose a gap from the list."))
        elif form.is_valid():
            try:
                services.gap_dismiss(
                    plan=self.plan,
                    indicator=indicator,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Gap set aside. The reason is kept with the plan."))
                return redirect(request.path)
        return self.render_to_response(
            self.get_context_data(dismiss_form=form, dismiss_for=indicator)
        )


class PlanStepView(PlanMixin, PlanView):
    """POST one review step: submit, review decision, or start a revision, each with the
    plan's version the page showed. A review with errors shows the plan page again with the
    errors at the top. A plan that moved on since the page was loaded (trauma_wales.versions)
    is shown as it is now, with the reviewer's comment kept: in the review form if the
    decision is still open, or else in the comment box."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        step = kwargs["step"]
        comment, form = "", None
        version = version_parse(request.POST.get(VERSION_FIELD))
        if step == "submit":
            to_status = PlanStatus.IN_REVIEW
        elif step == "revise":
            to_status = PlanStatus.DRAFT
        elif step == "review":
            form = ReviewForm(request.POST)
            if form.is_valid() and form.posted_version() is None:
                form.add_error(None, BAD_VERSION)
            if not form.is_valid():
                return self._review_errors(form)
            to_status, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        else:
            raise Http404
        try:
            if version is None:
                raise DomainError(str(BAD_VERSION))
            services.plan_move(
                plan=self.plan,
                to_status=to_status,
                actor=request.user,
                comment=comment,
                plan_url=request.build_absolute_uri(self.plan_url()),
                expected_version=version,
            )
        except StaleEdit as stale:
            return self._stale(form, stale)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, STEP_MESSAGES[to_status])
        return redirect(self.plan_url())

    def _review_errors(self, form):
        return self.render_to_response(self.get_context_data(review_form=form))

    def _stale(self, form: ReviewForm | None, stale: StaleEdit):
        if form is None:  # submit or start a revision: nothing typed to keep
            messages.error(self.request, stale.message)
            return redirect(self.plan_url())
        self.load_objects(**self.kwargs)  # the plan as it is now
        if policies.plan_steps(self.plan, self.membership.role).approve:
            retry = form_to_retry(ReviewForm, {}, form, stale, self.plan.version)
            return self._review_errors(retry)
        messages.error(self.request, stale.message)
        kept = CommentForm(initial={"body": form.cleaned_data["comment"]})
        return self.render_to_response(self.get_context_data(comment_form=kept))


STEP_MESSAGES = {
    PlanStatus.IN_REVIEW: gettext_lazy(
        "The plan has been sent for review. Reviewers have been emailed."
    ),
    PlanStatus.APPROVED: gettext_lazy("The plan is approved. The lead has been emailed."),
    PlanStatus.CHANGES_REQUESTED: gettext_lazy("Your comments have been sent to the lead."),
    PlanStatus.DRAFT: gettext_lazy(
        "A new revision has started. Changes will go through review again."
    ),
}


class PlanCommentView(PlanMixin, PlanView):
    capability = Capability.COMMENT_ON_PLAN
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = CommentForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(comment_form=form))
        services.comment_add(plan=self.plan, actor=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Comment added."))
        return redirect(self.plan_url())


class PlanExportView(PlanMixin, View):
    """The plan as CSV or as an Excel workbook, the framework's five columns first."""

    FORMATS = {
        "csv": ("text/csv; charset=utf-8", plan_csv),
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", plan_xlsx),
    }

    def get(self, request, *args, **kwargs):
        content_type, build = self.FORMATS[kwargs["fmt"]]
        name = slugify(f"{self.organisation.slug}-{self.plan.title}")[:80] or "action-plan"
        content = kept(  # the same file for everyone who may download it (trauma_wales.kept)
            (
                "plan-export",
                self.plan.pk,
                *organisation_page_parts(self.organisation, self.cycle.framework.content_hash),
                kwargs["fmt"],
            ),
            lambda: build(plan=self.plan),
        )
        services.plan_export_record(plan=self.plan, actor=request.user, file_format=kwargs["fmt"])
        return FileResponse(
            io.BytesIO(content),
            as_attachment=True,
            filename=f"{name}.{kwargs['fmt']}",
            content_type=content_type,
        )
