"""The organisation's workforce pages under /o/<org-slug>/workforce/: coverage, staff
groups and their training figures. Thin: resolve the organisation (and group), call one
selector or service, render."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from organisations.tenancy import OrganisationFormView, OrganisationMixin
from trauma_wales.forms import RemoveForm
from trauma_wales.permissions import Capability
from workforce import selectors, services
from workforce.forms import StaffGroupForm, TrainingForm


class CoverageView(OrganisationMixin, TemplateView):
    """Coverage per level and overall, change since the previous snapshot, the gaps by
    group (each one a link to a prefilled draft action) and the staff groups."""

    template_name = "workforce/coverage.html"
    capability = Capability.VIEW_WORKFORCE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            selectors.workforce_page(organisation=self.organisation, membership=self.membership)
        )
        return context


def coverage_redirect(organisation):
    return redirect("workforce:coverage", org_slug=organisation.slug)


def group_details(group) -> dict:
    """A staff group's details as its form's initial data."""
    return {
        "name": group.name,
        "description": group.description,
        "headcount": group.headcount,
        "levels": [need.level_id for need in group.needs.all()],
    }


class GroupMixin(OrganisationMixin):
    """Loads `self.group`, named in the URL, from this organisation only (404 otherwise);
    None when the URL names no group (adding one)."""

    def load_objects(self, **url_kwargs) -> None:
        self.group = None
        if "group_id" in url_kwargs:
            self.group = selectors.group_in_organisation(
                organisation=self.organisation, group_id=url_kwargs["group_id"]
            )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["group"] = self.group
        return context


class StaffGroupFormView(GroupMixin, OrganisationFormView):
    """Add a staff group (no id in the URL) or change one."""

    template_name = "workforce/group_form.html"
    capability = Capability.EDIT_WORKFORCE

    def load_objects(self, **url_kwargs) -> None:
        super().load_objects(**url_kwargs)
        self.levels = selectors.current_levels()

    form_class = StaffGroupForm

    def edited_object(self):
        return self.group

    def get_initial(self):
        return group_details(self.group) if self.group is not None else {}

    def get_form_kwargs(self):
        label = _("Save changes") if self.group else _("Add staff group")
        return {**super().get_form_kwargs(), "levels": self.levels, "submit_label": label}

    def save(self, form):
        data = form.cleaned_data
        group = services.staff_group_save(
            organisation=self.organisation,
            actor=self.request.user,
            group=self.group,
            expected_version=form.posted_version(),
            name=data["name"],
            description=data["description"],
            headcount=data["headcount"],
            level_ids=data["levels"],
        )
        if self.group is not None:
            messages.success(self.request, _("%(name)s saved.") % {"name": group.name})
            return coverage_redirect(self.organisation)
        messages.success(
            self.request,
            _("%(name)s added. Now record how many people are trained.") % {"name": group.name},
        )
        return redirect("workforce:training", org_slug=self.organisation.slug, group_id=group.pk)


class TrainingFormView(GroupMixin, OrganisationFormView):
    template_name = "workforce/training_form.html"
    capability = Capability.EDIT_WORKFORCE

    form_class = TrainingForm

    def edited_object(self):
        return self.group

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "group": self.group}

    def saved_form_kwargs(self):
        """What is saved now shows the date of the last count, not today's."""
        kwargs = super().saved_form_kwargs()
        needs = self.group.needs.all() if self.group is not None else []
        dates = [need.counted_on for need in needs if need.counted_on]
        kwargs["initial"] = {**kwargs["initial"], "counted_on": max(dates, default=None)}
        return kwargs

    def save(self, form):
        services.training_record(
            group=self.group,
            actor=self.request.user,
            trained=form.trained(),
            counted_on=form.cleaned_data["counted_on"],
            expected_version=form.posted_version(),
        )
        messages.success(
            self.request, _("Training figures for %(name)s saved.") % {"name": self.group.name}
        )
        return coverage_redirect(self.organisation)


class StaffGroupDeleteView(GroupMixin, OrganisationFormView):
    """Confirm removing a staff group, as the page shows it: a group changed since is not
    removed (the page shows it as saved now, to remove or keep)."""

    template_name = "workforce/group_delete.html"
    capability = Capability.EDIT_WORKFORCE
    form_class = RemoveForm

    def edited_object(self):
        return self.group

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "submit_label": _("Remove staff group"),
            "cancel_url": reverse("workforce:coverage", args=[self.organisation.slug]),
        }

    def saved_form(self):
        return StaffGroupForm(initial=group_details(self.group), levels=selectors.current_levels())

    def save(self, form):
        services.staff_group_delete(
            group=self.group, actor=self.request.user, expected_version=form.posted_version()
        )
        messages.success(self.request, _("%(name)s removed.") % {"name": self.group.name})
        return coverage_redirect(self.organisation)
