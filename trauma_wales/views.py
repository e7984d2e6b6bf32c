"""Pages that belong to the service as a whole rather than to one app."""

from django.views.generic import TemplateView


class AccessibilityStatementView(TemplateView):
    template_name = "pages/accessibility.html"


class CookiesView(TemplateView):
    template_name = "pages/cookies.html"


def add_domain_error(form, error) -> None:
    """Show a refused service call on the form, against its field when it names one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
