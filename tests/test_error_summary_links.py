"""Every error summary link reaches a control it can move focus to.

Generated from the code (tests/matrix/forms.py): every form class the pages render with
crispy-forms-gds is sent empty and with a value no field accepts, rendered with its error
summary as the pages render it, and each link's `#id` must be the id of an input, select
or textarea in the form (the first radio or checkbox of a group, the day of a date). A
link to a group's wrapper, or to nothing, does not move focus.
"""

import re

import pytest
from django.template import Context, Template

from tests.matrix.fixtures import world_fixture  # noqa: F401
from tests.matrix.forms import build_form, data_with, field_keys, filled_in_forms

pytestmark = [pytest.mark.django_db, pytest.mark.database_independent]

PAGE = Template(
    "{% load crispy_forms_tags crispy_forms_gds %}{% error_summary form %}{% crispy form %}"
)
LINK = re.compile(r'<li><a href="#([^"]+)">')
CONTROL = re.compile(r'<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"')


def _name(form_class) -> str:
    return f"{form_class.__module__}.{form_class.__qualname__}"


@pytest.mark.parametrize("form_class", filled_in_forms(), ids=_name)
@pytest.mark.parametrize("value", ["", "²"], ids=["empty", "not-accepted"])
def test_every_error_summary_link_moves_focus_to_a_control(world, form_class, value):
    blank = build_form(form_class, world)
    if getattr(blank, "helper", None) is None:
        pytest.skip("rendered by its own template, with its own error summary")
    keys = [key for name in blank.fields for key in field_keys(blank, name)]
    form = build_form(form_class, world, data=data_with(keys, value))
    form.is_valid()
    html = PAGE.render(Context({"form": form}))
    controls = set(CONTROL.findall(html))
    links = LINK.findall(html)
    if form.visible_fields():  # a confirmation (only hidden fields) lists its message alone
        assert bool(links) == bool(form.errors), html[:500]
    assert set(links) <= controls, f"links to {set(links) - controls}, controls {controls}"
