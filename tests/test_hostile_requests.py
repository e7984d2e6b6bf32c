"""Every route, every parameter the code reads, hostile values: never a 500.

Generated from the code: the routes from the URLconf (tests/matrix/routes.py), the query
parameters and form fields each view reads, from its source and its forms
(tests/matrix/params.py), and the fields each page's forms actually show, from its HTML
(tests/matrix/pages.py). Each request runs in a savepoint that is rolled back, so each
starts from the same world (tests/matrix/world.py).

- A query parameter is sent alone. A form field is changed in the form as the page shows
  it with its blanks filled as a person would (tests/matrix/pages.py), so the other fields
  are valid and the value reaches the code behind the form. A choice only a form reads
  (radios, checkboxes, a select) gets an empty and an invalid value: every other value
  is the same "choose from the list".
- Every field of each form a page shows is also set to each value at once.
- Each URL parameter is set to each hostile value its converter lets through.

A 404, 400, a redirect or a page with a form error are all fine answers; a 500 is not.
The run repeated on the second database sends only the values whose handling depends on
the database (`--database-dependent-only`, tests/matrix/hostile.py).
"""

import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth.mixins import AccessMixin
from django.db import transaction
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from tests.matrix.fixtures import world_fixture  # noqa: F401
from tests.matrix.hostile import DATABASE_DEPENDENT, HOSTILE_VALUES
from tests.matrix.pages import NOT_FUZZED, date_part_shape, field_shape, page_forms
from tests.matrix.params import parameters_read
from tests.matrix.routes import project_routes, provider, route_urls
from tests.matrix.world import COORDINATOR, SIGNED_OUT
from trauma_wales.permissions import Role, role_can

# A sweep of every route, not a test of what the code decides: it runs untraced when
# coverage is measured (about a fifth of that run), and coverage counts the tests written
# to check behaviour (docs/adr/0008).
pytestmark = [pytest.mark.django_db, pytest.mark.no_cover]

EVERY_FIELD = "every field"
# Each value is a request of its own here, so the sweep keeps one of each kind: '١٢' is a
# number to int() like '12', and '<script>' is about escaping, which a status cannot show.
REQUEST_VALUES = {
    name: value
    for name, value in HOSTILE_VALUES.items()
    if name not in {"arabic-indic-twelve", "script-tag"}
}
# A choice the page offers (radios, checkboxes, a select) that only a form reads: anything
# but one of its choices is the same "choose from the list", before any conversion.
CHOICE_CONTROLS = {"radio", "checkbox", "select"}
CHOICE_VALUES = {name: HOSTILE_VALUES[name] for name in ("empty", "superscript-two")}


def _methods(route) -> list[str]:
    return [m for m, allowed in (("GET", route.allows_get), ("POST", route.allows_post)) if allowed]


def distinct_shapes(parameters) -> list[str]:
    """One of a date's day, month and year: they are read alike."""
    return list({date_part_shape(p): p for p in reversed(parameters)}.values())[::-1]


PARAMETER_CASES = [
    pytest.param(
        method,
        route,
        parameter,
        id=f"{method} {route.name} {parameter}",
    )
    for route in project_routes()
    for method in _methods(route)
    for parameter in distinct_shapes(parameters_read(route.callback)[method])
]
PAGE_CASES = [
    pytest.param(method, route, id=f"{method} {route.name}")
    for route in project_routes()
    for method in _methods(route)
]


def sweep_as(route) -> str:
    """Who sends the requests: the first role let in to an organisation page; someone
    signed in for a page that needs it (and for the language switch, which remembers a
    member's choice); otherwise someone signed out."""
    view_class = route.view_class
    if route.is_network_page:
        return COORDINATOR
    if route.is_organisation_page:
        order = [Role.LEAD, Role.REVIEWER, Role.BOARD, Role.CONTRIBUTOR]
        return next(r for r in order if role_can(r, view_class.capability))
    if view_class is None or issubclass(view_class, AccessMixin):
        return Role.LEAD
    return SIGNED_OUT


@dataclass
class Finding:
    request: str
    error: str
    last_frame: str
    project_frame: str

    def __str__(self) -> str:
        return (
            f"{self.request}\n    {self.error}\n    last frame: {self.last_frame}\n"
            f"    last project frame: {self.project_frame}"
        )


def _frame(frame) -> str:
    return f"{frame.filename}:{frame.lineno} in {frame.name}: {frame.line}"


def finding(request: str, response) -> Finding:
    if not response.exc_info:
        return Finding(request, "500 without an exception", "", "")
    _type, error, tb = response.exc_info
    frames = traceback.extract_tb(tb)
    root = str(Path(settings.BASE_DIR).resolve())
    project = [f for f in frames if f.filename.startswith(root) and "/.venv/" not in f.filename]
    return Finding(
        request,
        f"{type(error).__name__}: {str(error)[:200]}",
        _frame(frames[-1]),
        _frame(project[-1]) if project else "",
    )


def _short(value: str) -> str:
    return value if len(value) <= 30 else f"{value[:10]}... ({len(value)} characters)"


def send(client, method, url, data):
    """One request, in a savepoint rolled back afterwards."""
    with transaction.atomic():
        response = getattr(client, method.lower())(url, data)
        transaction.set_rollback(True)
    return response


@dataclass
class Site:
    """The world as someone browsing it: the forms each page shows, read once a module."""

    world: object
    values: dict  # name -> value, for any parameter
    choice_values: dict  # for a choice only a form reads
    pages: dict = field(default_factory=dict)  # (who, url) -> (url to send to, forms)
    self_redirecting: set = field(default_factory=set)  # (who, url)

    def client(self, who):
        return self.world.client(who, raise_request_exception=False)

    def open(self, client, who, url) -> str:
        """Read a page's forms; returns the URL to send to. A link that redirects to the
        same route (a password reset link moving its token into the session) is followed
        with `client` every time: the session it fills is rolled back after each test."""
        key = (who, url)
        if key in self.pages and key not in self.self_redirecting:
            return self.pages[key][0]
        response = client.get(url)
        final = url
        if response.status_code == 302:
            location = urlparse(response["Location"]).path
            try:
                if resolve(location).view_name == resolve(url).view_name:
                    self.self_redirecting.add(key)
                    final, response = location, client.get(location)
            except Resolver404:
                pass
        forms = []
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            forms = page_forms(response.content.decode(), final)
        self.pages[key] = (final, forms)
        return final

    def forms_sending_to(self, who, path, method):
        """One of each form sending there, by the fields it has: the language switch is
        on every page (with that page as `next`)."""
        found = {}
        for (page_who, _url), (_final, forms) in self.pages.items():
            for form in forms:
                if page_who == who and form.action == path and form.method == method:
                    found.setdefault(tuple(form.names), form)
        return list(found.values())

    def find_forms(self, who, path, method):
        """Forms sending to `path`, opening more of the site until one turns up (a route
        with no page of its own, like the language switch or a review step)."""
        found = self.forms_sending_to(who, path, method)
        client = self.client(who)
        routes = iter(r for r in project_routes() if r.allows_get)
        while not found and (route := next(routes, None)) is not None:
            for _variant, url in route_urls(route, self.world):
                if (who, url) not in self.pages:
                    self.open(client, who, url)
            found = self.forms_sending_to(who, path, method)
        return found

    def targets(self, route, method, who):
        """[(URL to send to, forms sending to it)] for each of the route's URLs, with a
        client whose session is ready for it."""
        client = self.client(who)
        targets = []
        for _variant, url in route_urls(route, self.world):
            final = self.open(client, who, url) if route.allows_get else url
            forms = self.find_forms(who, urlparse(final).path, method.lower())
            targets.append((final, forms))
        return client, targets


@pytest.fixture(scope="module")
def site(world, pytestconfig):
    """The run repeated on the second database sends only the values whose handling
    depends on the database (tests/matrix/hostile.py)."""
    if pytestconfig.getoption("--database-dependent-only"):
        keep = DATABASE_DEPENDENT
    else:
        keep = set(HOSTILE_VALUES)
    return Site(
        world,
        values={n: v for n, v in REQUEST_VALUES.items() if n in keep},
        choice_values={n: v for n, v in CHOICE_VALUES.items() if n in keep},
    )


def _copy(client):
    """A client with the same session, whose cookies can change without touching it."""
    copy = type(client)(raise_request_exception=False)
    copy.cookies.load({name: morsel.value for name, morsel in client.cookies.items()})
    return copy


def is_choice(forms, parameter) -> bool:
    """Whether the page offers `parameter` only as radios, checkboxes or a select."""
    kinds = {c.kind for f in forms for c in f.controls if c.name == parameter}
    return bool(kinds) and kinds <= CHOICE_CONTROLS


def read_directly(route) -> tuple[str, ...]:
    return parameters_read(route.callback)["direct"]


def sweep(site, method, route, parameter) -> list[Finding]:
    """`parameter` set to each value: alone in a query string; in a POST, in each form of
    the page that has it, the rest filled in (the first form when none has it)."""
    who = sweep_as(route)
    client, targets = site.targets(route, method, who)
    findings = []
    for url, forms in targets:
        baselines, values = [{}], site.values
        if method == "POST":
            having = [f for f in forms if parameter in f.names] or forms[:1]
            baselines = [f.filled() for f in having] or [{}]
            if is_choice(having, parameter) and parameter not in read_directly(route):
                values = site.choice_values
        for baseline in baselines:
            for value in values.values():
                response = send(_copy(client), method, url, {**baseline, parameter: [value]})
                if response.status_code == 500:
                    request = f"{method} {url} {parameter}={_short(value)!r} as {who}"
                    findings.append(finding(request, response))
    return findings


def _report(findings) -> str:
    return "\n".join(str(f) for f in findings)


@pytest.mark.parametrize(("method", "route", "parameter"), PARAMETER_CASES)
def test_hostile_parameter_is_never_a_500(site, method, route, parameter):
    findings = sweep(site, method, route, parameter)
    assert not findings, _report(findings)


@pytest.mark.parametrize(("method", "route"), PAGE_CASES)
def test_the_page_forms_with_hostile_values_are_never_a_500(site, method, route):
    """Every field of each form the page shows set to each value at once; then each field
    no class declares (built per question, per level, per domain), one of each shape:
    `q12-rating` stands for every `qN-rating`."""
    who = sweep_as(route)
    declared = {field_shape(p) for p in parameters_read(route.callback)[method]}
    client, targets = site.targets(route, method, who)
    findings = []
    page_only = {}
    for url, forms in targets:
        for form in forms:
            names = [n for n in form.names if n not in NOT_FUZZED]
            for value in site.values.values():
                data = {name: [value] for name in names}
                response = send(_copy(client), method, url, data)
                if response.status_code == 500:
                    request = f"{method} {url} {EVERY_FIELD}={_short(value)!r} as {who}"
                    findings.append(finding(request, response))
            for name in names:
                if field_shape(name) not in declared:
                    page_only.setdefault(field_shape(name), name)
    for name in sorted(page_only.values()):
        findings += sweep(site, method, route, name)
    assert not findings, _report(findings)


HOSTILE_PATH_VALUES = ["-1", "9" * 20, "9" * 100_000, "²", "١٢", "<script>", "\x00"]


@pytest.mark.parametrize("route", [r for r in project_routes() if r.parameters], ids=str)
def test_hostile_url_parameters_are_never_a_500(site, route):
    """Each URL parameter set to each hostile value its converter lets through (the
    organisation's slug is the tenancy matrix's)."""
    who = sweep_as(route)
    findings = []
    good = {p: provider(route, p)(site.world, route) for p in route.parameters}
    good = {p: (v[0][1] if isinstance(v, list) else v) for p, v in good.items()}
    for parameter in route.parameters:
        if parameter == "org_slug":
            continue
        for value in HOSTILE_PATH_VALUES:
            try:
                url = reverse(route.name, kwargs={**good, parameter: value})
            except NoReverseMatch:
                continue  # the converter refuses it: no route, a 404
            for method in _methods(route):
                response = send(site.client(who), method, url, {})
                if response.status_code == 500:
                    findings.append(finding(f"{method} {url[:120]} as {who}", response))
    assert not findings, _report(findings)


@pytest.mark.database_independent
@pytest.mark.parametrize("route", project_routes(), ids=str)
def test_options_gets_djangos_answer(site, route):
    """OPTIONS is Django's `View.options`: the methods the page takes, never a 500 (a view
    whose own method was called `options` once hid it)."""
    who = sweep_as(route)
    for _variant, url in route_urls(route, site.world):
        response = send(site.client(who), "OPTIONS", url, {})
        assert response.status_code != 500, finding(f"OPTIONS {url} as {who}", response)
        if response.status_code == 200 and route.view_class is not None:
            allowed = {m.strip() for m in response["Allow"].split(",")}
            assert "OPTIONS" in allowed, url
            assert ("GET" in allowed) == route.allows_get, url
