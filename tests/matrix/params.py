"""What each view reads from a request, found in its code.

For a route's view, the code of every project class along its MRO (and the module-level
functions of the same module it calls) is parsed, and this collects:
- the keys read from `request.GET` / `request.POST` (`.get("k")`, `["k"]`, `"k" in`, and
  keys a comprehension or loop takes from a literal tuple);
- the fields of every form class it builds: from `request.GET` for query parameters; any
  form for POST (a form page posts the fields it shows);
- the fields of its `form_class` / `authentication_form` (Django's form views);
- `redirect_field_name` ("next") for views that redirect to it (Django's RedirectURLMixin).

The forms a page actually shows (dynamic fields such as `q12-rating`) are found in the HTML
by tests/matrix/pages.py.
"""

import ast
import inspect
import sysconfig
import textwrap
from functools import cache
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.views import RedirectURLMixin
from django.forms.widgets import MultiWidget

REQUEST_DICTS = {"GET", "POST"}
FORM_VIEW_ATTRIBUTES = ("form_class", "authentication_form")


@cache
def _is_project_code(obj) -> bool:
    try:
        path = Path(inspect.getsourcefile(obj)).resolve()
    except TypeError:
        return False
    root = Path(settings.BASE_DIR).resolve()
    installed = Path(sysconfig.get_paths()["purelib"]).resolve()
    return path.is_relative_to(root) and not path.is_relative_to(installed)


@cache  # a mixin is read for every view that has it; finding a class's source parses its module
def _tree(obj) -> ast.AST:
    return ast.parse(textwrap.dedent(inspect.getsource(obj)))


def _request_dict(node) -> str | None:
    """ "GET" for `request.GET` or `self.request.GET` (and so on), else None."""
    if isinstance(node, ast.Attribute) and node.attr in REQUEST_DICTS:
        return node.attr
    return None


def _literal_strings(node) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [e.value for e in node.elts if isinstance(e, ast.Constant)]
    return []


def _loop_values(tree: ast.AST) -> dict[str, list[str]]:
    """Names bound by `for k in ("a", "b")` loops and comprehensions, and their values."""
    values: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.comprehension | ast.For) and isinstance(node.target, ast.Name):
            values.setdefault(node.target.id, []).extend(_literal_strings(node.iter))
    return values


def _keys(node, loops, module_globals) -> list[str]:
    if isinstance(node, ast.Name):
        constant = module_globals.get(node.id)  # SAVE_AND_RETURN = "save_later"
        return [constant] if isinstance(constant, str) else loops.get(node.id, [])
    return _literal_strings(node)


def _resolve(node, module_globals):
    """What `Name` or `module.Name` in the code refers to, if it is a module global."""
    if isinstance(node, ast.Name):
        return module_globals.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, module_globals)
        return getattr(owner, node.attr, None) if inspect.ismodule(owner) else None
    return None


class _Reader(ast.NodeVisitor):
    def __init__(self, module_globals, loops):
        self.module_globals = module_globals
        self.loops = loops
        self.keys = {"GET": set(), "POST": set()}
        self.forms = {"GET": set(), "POST": set()}  # form classes built (from GET data)
        self.calls = set()  # module-level names called

    def _keys(self, node) -> list[str]:
        return _keys(node, self.loops, self.module_globals)

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in {"get", "getlist"} and node.args:
            source = _request_dict(func.value)
            if source:
                self.keys[source].update(self._keys(node.args[0]))
        if isinstance(func, ast.Name):
            self.calls.add(func.id)
        target = _resolve(func, self.module_globals)
        if inspect.isclass(target) and issubclass(target, forms.BaseForm):
            self.forms["POST"].add(target)
            data = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "data")]
            if any(_request_dict(arg) == "GET" for arg in data):
                self.forms["GET"].add(target)
        self.generic_visit(node)

    def visit_Subscript(self, node):
        source = _request_dict(node.value)
        if source:
            self.keys[source].update(self._keys(node.slice))
        self.generic_visit(node)

    def visit_Compare(self, node):
        for op, right in zip(node.ops, node.comparators, strict=True):
            source = _request_dict(right)
            if source and isinstance(op, ast.In | ast.NotIn):
                self.keys[source].update(self._keys(node.left))
        self.generic_visit(node)


def _code_units(callback) -> list[object]:
    """The project classes along a view's MRO, or the view function."""
    view_class = getattr(callback, "view_class", None)
    if view_class is None:
        return [callback] if _is_project_code(callback) else []
    return [klass for klass in view_class.__mro__ if _is_project_code(klass)]


def _read(unit, seen: set) -> _Reader:
    module_globals = vars(inspect.getmodule(unit))
    tree = _tree(unit)
    reader = _Reader(module_globals, _loop_values(tree))
    reader.visit(tree)
    for name in sorted(reader.calls):  # module-level helpers it calls, e.g. safe_next_url
        helper = module_globals.get(name)
        if inspect.isfunction(helper) and _is_project_code(helper) and helper not in seen:
            seen.add(helper)
            inner = _read(helper, seen)
            for source in REQUEST_DICTS:
                reader.keys[source] |= inner.keys[source]
                reader.forms[source] |= inner.forms[source]
    return reader


def form_keys(form_class) -> set[str]:
    """The request keys a form's declared fields read (`_0`, `_1`... for a date input)."""
    keys = set()
    for name, field in form_class.base_fields.items():
        if isinstance(field.widget, MultiWidget):
            keys.update(f"{name}{suffix}" for suffix in field.widget.widgets_names)
        else:
            keys.add(name)
    return keys


@cache
def parameters_read(callback) -> dict[str, tuple[str, ...]]:
    """{"GET": query parameters, "POST": form fields, "direct": the keys of either that
    the view's own code reads (not through a form)}, each sorted."""
    found = {"GET": set(), "POST": set(), "direct": set()}
    seen = set()
    for unit in _code_units(callback):
        reader = _read(unit, seen)
        for source in REQUEST_DICTS:
            found[source] |= reader.keys[source]
            found["direct"] |= reader.keys[source]
            for form_class in reader.forms[source]:
                found[source] |= form_keys(form_class)
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        for attribute in FORM_VIEW_ATTRIBUTES:
            form_class = getattr(view_class, attribute, None)
            if inspect.isclass(form_class) and issubclass(form_class, forms.BaseForm):
                found["POST"] |= form_keys(form_class)
        if issubclass(view_class, RedirectURLMixin):
            found["GET"].add(view_class.redirect_field_name)
            found["POST"].add(view_class.redirect_field_name)
            found["direct"].add(view_class.redirect_field_name)
    return {source: tuple(sorted(keys)) for source, keys in found.items()}
