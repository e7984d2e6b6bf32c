"""Every form class in the project's apps, bound with hostile data: `is_valid()` answers,
it never raises. Generated from the code (tests/matrix/forms.py): a new form is covered the
day it exists.

Each value is tried in every field at once, then in each field alone (the others empty).
"""

import traceback

import pytest

from tests.matrix.fixtures import world_fixture  # noqa: F401
from tests.matrix.forms import (
    NOT_FILLED_IN,
    data_with,
    field_keys,
    filled_in_forms,
    form_arguments,
    missing_arguments,
    project_forms,
)
from tests.matrix.hostile import DATABASE_DEPENDENT, HOSTILE_VALUES

pytestmark = pytest.mark.django_db


def _name(form_class) -> str:
    return f"{form_class.__module__}.{form_class.__qualname__}"


def test_forms_are_found():
    names = {form_class.__name__ for form_class in project_forms()}
    assert {"SignUpForm", "ActionForm", "DomainAnswersForm", "TrainingForm"} <= names
    assert set(NOT_FILLED_IN) <= set(project_forms())


@pytest.mark.parametrize("form_class", filled_in_forms(), ids=_name)
def test_every_form_can_be_built(form_class):
    assert missing_arguments(form_class) == []


def _last_frame(error: BaseException) -> str:
    frame = traceback.extract_tb(error.__traceback__)[-1]
    return f"{frame.filename}:{frame.lineno} in {frame.name}: {frame.line}"


def _case(form_class, value_name):
    marks = () if value_name in DATABASE_DEPENDENT else pytest.mark.database_independent
    return pytest.param(form_class, value_name, id=f"{_name(form_class)}-{value_name}", marks=marks)


@pytest.mark.parametrize(
    ("form_class", "value_name"),
    [
        _case(form_class, value_name)
        for form_class in filled_in_forms()
        for value_name in HOSTILE_VALUES
    ],
)
def test_hostile_data_is_refused_or_accepted_never_raised(world, form_class, value_name):
    value = HOSTILE_VALUES[value_name]
    arguments = form_arguments(form_class, world)
    blank = form_class(**arguments)
    attempts = {name: field_keys(blank, name) for name in blank.fields}
    attempts = {"every field": [key for keys in attempts.values() for key in keys], **attempts}
    crashes = []
    for where, keys in attempts.items():
        form = form_class(data=data_with(keys, value), **arguments)
        try:
            form.is_valid()
        except Exception as error:
            crashes.append(f"{where}: {type(error).__name__}: {error} at {_last_frame(error)}")
    assert crashes == []
