"""Every form class in the project's apps, and how to build each one.

`project_forms()` imports each local app's `forms` module (and a `forms` package's
submodules) and keeps the subclasses of `django.forms.BaseForm` defined there.
`build_form(form_class, world, data)` passes the keyword arguments its `__init__` takes,
by name, from `FORM_ARGUMENTS`; a form needing an argument nobody provides fails with a
message saying where to add it.
"""

import importlib
import inspect
import pkgutil
import sysconfig
from functools import cache
from pathlib import Path

from django import forms
from django.apps import apps
from django.conf import settings
from django.forms.widgets import MultiWidget
from django.http import QueryDict
from django.test import RequestFactory

from action_plans.selectors import action_form_choices
from assessments.forms.answers import ReadinessAnswersForm, SectionForm
from assessments.selectors.cycles import contributor_candidates, organisation_response_for
from assessments.selectors.progress import cycle_domains
from assessments.selectors.questionnaire import domain_page, readiness_page, readiness_themes
from networks.selectors.case_studies import case_study_domains, publishable_indicators
from organisations.selectors import history_people
from voices.selectors import statements_to_offer
from workforce.selectors import current_levels

# Form classes that are not forms anyone fills in, each with its reason.
NOT_FILLED_IN = {
    SectionForm: "the base of the readiness and domain forms: it has no questions of its own "
    "(add_question_fields raises NotImplementedError); both subclasses are covered",
}


def _questions(world, form_class):
    response = organisation_response_for(cycle=world.current_cycle)
    if issubclass(form_class, ReadinessAnswersForm):
        code = readiness_themes(cycle=world.current_cycle)[0].code
        return readiness_page(cycle=world.current_cycle, response=response, code=code).questions
    page = domain_page(cycle=world.current_cycle, response=response, code=world.domain.code)
    return page.questions


# Keyword arguments of form constructors, by name: what the views pass, from the world.
FORM_ARGUMENTS = {
    "user": lambda world, form_class: world.user("lead"),
    "choices": lambda world, form_class: action_form_choices(plan=world.plan),
    "memberships": lambda world, form_class: contributor_candidates(
        cycle=world.current_cycle, invited=set()
    ),
    "domains": lambda world, form_class: (
        case_study_domains()  # (code, name) pairs for the case studies' filter
        if form_class.__module__ == "networks.forms.case_studies"
        else cycle_domains(cycle=world.current_cycle)
    ),
    "group": lambda world, form_class: world.group,
    "levels": lambda world, form_class: current_levels(),
    "questions": _questions,
    "people": lambda world, form_class: history_people(organisation=world.organisation),
    # a feedback round's statements: what a new round offers, what the public form asks
    "statements": lambda world, form_class: list(
        statements_to_offer(cycle=world.current_cycle, statement_set="people")
    ),
    "easy_read": lambda world, form_class: False,
    "indicators": lambda world, form_class: publishable_indicators(),
    # the sign-in form's request, which the password lock-out (django-axes) needs
    "request": lambda world, form_class: RequestFactory().post("/accounts/sign-in/"),
}
# Parameters every form has (BaseForm's own) or that are not needed to build one.
PLAIN_PARAMETERS = {
    "self",
    "args",
    "kwargs",
    "data",
    "files",
    "auto_id",
    "prefix",
    "initial",
    "error_class",
    "label_suffix",
    "empty_permitted",
    "field_order",
    "use_required_attribute",
    "renderer",
}


def _project_app_modules() -> list[str]:
    """The apps whose code is the project's (not an installed package's)."""
    root = Path(settings.BASE_DIR).resolve()
    installed = Path(sysconfig.get_paths()["purelib"]).resolve()
    return [
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root)
        and not Path(config.path).resolve().is_relative_to(installed)
    ]


def _forms_modules(app: str):
    try:
        module = importlib.import_module(f"{app}.forms")
    except ModuleNotFoundError as missing:
        if missing.name != f"{app}.forms":
            raise
        return
    yield module
    if hasattr(module, "__path__"):  # a package: forms/cycles.py, forms/answers.py
        for info in pkgutil.walk_packages(module.__path__, prefix=f"{module.__name__}."):
            yield importlib.import_module(info.name)


@cache
def project_forms() -> tuple[type[forms.BaseForm], ...]:
    found = []
    for app in _project_app_modules():
        for module in _forms_modules(app):
            found.extend(
                value
                for value in vars(module).values()
                if inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            )
    return tuple(found)


def filled_in_forms() -> list[type[forms.BaseForm]]:
    return [form_class for form_class in project_forms() if form_class not in NOT_FILLED_IN]


def constructor_parameters(form_class) -> dict[str, inspect.Parameter]:
    """Every parameter of the `__init__`s along the form's MRO, nearest first."""
    found = {}
    for klass in form_class.__mro__:
        init = vars(klass).get("__init__")
        if init is not None and klass is not object:
            for parameter in inspect.signature(init).parameters.values():
                found.setdefault(parameter.name, parameter)
        if klass is forms.BaseForm:
            break
    return found


def missing_arguments(form_class) -> list[str]:
    """Required constructor arguments FORM_ARGUMENTS cannot provide."""
    return [
        name
        for name, parameter in constructor_parameters(form_class).items()
        if name not in PLAIN_PARAMETERS
        and name not in FORM_ARGUMENTS
        and parameter.default is inspect.Parameter.empty
        and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
    ]


def form_arguments(form_class, world) -> dict:
    """The keyword arguments to build this form with (compute once, build many)."""
    missing = missing_arguments(form_class)
    assert not missing, (
        f"{form_class.__qualname__} needs {missing}: add a provider to FORM_ARGUMENTS in "
        "tests/matrix/forms.py"
    )
    return {
        name: FORM_ARGUMENTS[name](world, form_class)
        for name in constructor_parameters(form_class)
        if name in FORM_ARGUMENTS
    }


def build_form(form_class, world, data=None, **kwargs) -> forms.BaseForm:
    return form_class(data=data, **{**form_arguments(form_class, world), **kwargs})


def field_keys(form: forms.BaseForm, name: str) -> list[str]:
    """The request keys one field reads: `period_start_0`, `_1`, `_2` for a date input."""
    widget = form.fields[name].widget
    html_name = form.add_prefix(name)
    if isinstance(widget, MultiWidget):
        return [f"{html_name}{suffix}" for suffix in widget.widgets_names]
    return [html_name]


def data_with(keys, value) -> QueryDict:
    data = QueryDict(mutable=True)
    for key in keys:
        data.setlist(key, [value])
    return data
