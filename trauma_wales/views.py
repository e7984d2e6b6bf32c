"""Pages that belong to the service as a whole rather than to one app."""

from django.views.generic import TemplateView
from django.views.generic.edit import FormMixin

from trauma_wales.errors import DomainError


class AccessibilityStatementView(TemplateView):
    template_name = "pages/accessibility.html"


class CookiesView(TemplateView):
    template_name = "pages/cookies.html"


def add_domain_error(form, error) -> None:
    """Show a refused service call on the form, against its field when it names one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class DomainErrorFormMixin(FormMixin):
    """The one way a page with a form saves, beside Django's `FormView`: `form_valid` calls
    `save(form)`, which calls a service and returns the response; when the service refuses
    with a `DomainError`, its message goes on the form and the page is shown again."""

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            return self.save(form)
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
