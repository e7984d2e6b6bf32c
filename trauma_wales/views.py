"""Pages that belong to the service as a whole rather than to one app."""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext
from django.views.generic import TemplateView
from django.views.generic.edit import FormMixin

from trauma_wales.errors import DomainError
from trauma_wales.versions import (
    VERSION_FIELD,
    SavedValue,
    StaleEdit,
    Versioned,
    form_data_at_version,
    saved_values,
)


class AccessibilityStatementView(TemplateView):
    template_name = "pages/accessibility.html"


class CookiesView(TemplateView):
    template_name = "pages/cookies.html"


class PrivacyNoticeView(TemplateView):
    """What the service holds about people, why, for how long and whom to ask. Who runs a
    deployment, and how to reach them, comes from its settings (`PRIVACY_*`)."""

    template_name = "pages/privacy.html"

    def get_context_data(self, **kwargs):
        operator = settings.PRIVACY_OPERATOR or gettext("the team that runs this service")
        return super().get_context_data(
            operator=operator,
            contact=settings.PRIVACY_CONTACT_EMAIL,
            deletion_grace_days=settings.ORGANISATION_DELETION_GRACE_DAYS,
            **kwargs,
        )


def add_domain_error(form, error) -> None:
    """Show a refused service call on the form, against its field when it names one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


@dataclass(frozen=True)
class StalePage:
    """What a page shows after a save was refused as stale (templates/includes/saved_now.html):
    what is saved now, and who saved it, when (unknown for changes made before versions
    were kept)."""

    saved: list[SavedValue]
    edited_by: str = ""
    edited_at: datetime | None = None
    by_you: bool = False


def stale_page(thing: Versioned | None, saved_form: forms.BaseForm, user) -> StalePage:
    editor = getattr(thing, "edited_by", None)
    return StalePage(
        saved=saved_values(saved_form),
        edited_by=editor.shown_name if editor is not None else "",
        edited_at=getattr(thing, "edited_at", None),
        by_you=editor is not None and editor.pk == user.pk,
    )


def form_to_retry(form_class, kwargs: dict, refused: forms.BaseForm, stale: StaleEdit, version):
    """The form as the person sent it, at the `version` saved now, with the refusal's
    message at the top: saving it again is a deliberate choice."""
    retry = form_class(
        **{**kwargs, "data": form_data_at_version(refused, version), "files": refused.files}
    )
    retry.is_valid()
    retry.add_error(None, stale.message)
    return retry


class DomainErrorFormMixin(FormMixin):
    """The one way a page with a form saves, beside Django's `FormView`: `form_valid` calls
    `save(form)`, which calls a service and returns the response; when the service refuses
    with a `DomainError`, its message goes on the form and the page is shown again.

    A page that edits a saved thing names it in `edited_object()`: its version goes into
    the form (trauma_wales.versions), and `save` passes `form.posted_version()` on to the
    service. When the service refuses with `StaleEdit` (someone saved in between), the page
    reads the thing again (`reload_objects`) and shows what is saved now above the form,
    the person's own changes in it, and the current version in its hidden field.
    """

    request: HttpRequest
    stale: StalePage | None = None

    def save(self, form):
        raise NotImplementedError

    def edited_object(self) -> Versioned | None:
        """The saved thing this form changes (None when it creates one)."""
        return None

    def reload_objects(self) -> None:
        """Read what the page edits again, after a save was refused as stale."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        edited = self.edited_object()
        if edited is not None:
            kwargs["initial"] = {**kwargs["initial"], VERSION_FIELD: edited.version}
        return kwargs

    def saved_form_kwargs(self) -> dict:
        """The form's arguments without the data sent."""
        kwargs = self.get_form_kwargs()
        kwargs.pop("data", None)
        kwargs.pop("files", None)
        return kwargs

    def saved_form(self) -> forms.BaseForm:
        """A form filled with what is saved now, for the summary above the page's form
        (a removal page shows the edit form's fields here)."""
        return self.get_form_class()(**self.saved_form_kwargs())

    def form_valid(self, form):
        try:
            return self.save(form)
        except StaleEdit as stale:
            return self.stale_edit(form, stale)
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)

    def stale_edit(self, form, stale: StaleEdit):
        self.reload_objects()
        current = self.edited_object() or stale.current
        self.stale = stale_page(current, self.saved_form(), self.request.user)
        retry = form_to_retry(
            self.get_form_class(), self.saved_form_kwargs(), form, stale, current.version
        )
        return self.form_invalid(retry)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**{"stale": self.stale, **kwargs})
