"""Every route in the URLconf, and how to build its URLs from the shared world.

`project_routes()` walks `django.urls.get_resolver()`. `route_urls(route, world)` builds
the route's URLs from `URL_PARAMETERS` (by parameter name) and `ROUTE_PARAMETERS` (where
one name means different things on different routes); a route with a parameter neither
knows cannot be built, and `test_every_route_can_be_built` says so.
"""

from dataclasses import dataclass
from functools import cache

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

ORGANISATION_PREFIX = "o/<slug:org_slug>/"
NETWORK_PREFIX = "n/<slug:network_slug>/"  # a coordinator's pages (networks)

# Routes the matrices leave out, by URL prefix, each with its reason.
SKIPPED_PREFIXES = {
    "platform-admin/": "Django admin: platform staff only, guarded by Django's own staff checks",
    "health/": "probes for the load balancer, not pages for people: no organisation, no "
    "sign-in, no parameters, the same answer for everyone (tests/operations/test_health.py)",
}
# Views Django itself provides (static files, the JavaScript catalogue) are left out too.
FRAMEWORK_MODULES = ("django.views.static", "django.views.i18n", "django.contrib.")


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name: "plans:action"
    pattern: str  # the whole pattern: "o/<slug:org_slug>/assessments/<int:cycle_id>/..."
    callback: object
    parameters: tuple[str, ...]
    converters: tuple[tuple[str, str], ...]  # (parameter, converter name or regex)

    @property
    def view_class(self):
        return getattr(self.callback, "view_class", None)

    @property
    def is_organisation_page(self) -> bool:
        return self.pattern.startswith(ORGANISATION_PREFIX)

    @property
    def is_network_page(self) -> bool:
        return self.pattern.startswith(NETWORK_PREFIX)

    @property
    def namespace(self) -> str:
        return self.name.rpartition(":")[0]

    @property
    def allows_get(self) -> bool:
        view_class = self.view_class
        if view_class is None:
            return True
        return "get" in view_class.http_method_names and hasattr(view_class, "get")

    @property
    def allows_post(self) -> bool:
        view_class = self.view_class
        if view_class is None:
            return True
        return "post" in view_class.http_method_names and hasattr(view_class, "post")

    def __str__(self) -> str:
        return self.name


def _converters(pattern) -> list[tuple[str, str]]:
    if isinstance(pattern, RoutePattern):
        return [(name, type(conv).__name__) for name, conv in pattern.converters.items()]
    if isinstance(pattern, RegexPattern):
        return [(name, "regex") for name in pattern.regex.groupindex]
    return []


def _walk(resolver, prefix="", namespace="", converters=()):
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        found = (*converters, *_converters(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            joined = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from _walk(entry, pattern, joined, found)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(
                name=name or "",
                pattern=pattern,
                callback=entry.callback,
                parameters=tuple(p for p, _c in found),
                converters=tuple(found),
            )


def _skipped(route: Route) -> str | None:
    for prefix, reason in SKIPPED_PREFIXES.items():
        if route.pattern.startswith(prefix):
            return reason
    if (route.view_class or route.callback).__module__.startswith(FRAMEWORK_MODULES):
        return "a view Django provides"
    return None


@cache
def all_routes() -> tuple[Route, ...]:
    return tuple(_walk(get_resolver()))


@cache
def project_routes() -> tuple[Route, ...]:
    """Every route the matrices cover, in URLconf order."""
    return tuple(route for route in all_routes() if _skipped(route) is None)


# Routes that answer a GET with a file to download, not a page.
NOT_PAGES = {
    "personal_data": "a JSON file of what we hold about the person",
    "organisation_data:download": "a JSON file of what we hold for the organisation",
    "organisations:history_export": "the history of changes as CSV",
    "plans:export": "the action plan as CSV or Excel",
    "reports:workbook": "the blank workbook of questions as a PDF (tests/reports/test_workbook.py)",
    "assessments:results_csv": "the scores as CSV (tests/assessments/test_results_export.py)",
    "voices:csv": "a feedback round's figures as CSV (tests/voices/test_rounds.py)",
    "coordinator:csv": "a network's figures as CSV (tests/networks/test_network_pages.py)",
}


def page_routes() -> list[Route]:
    """Every route whose GET shows a page: what the every-page checks read."""
    return [r for r in project_routes() if r.allows_get and r.name not in NOT_PAGES]


def organisation_routes() -> list[Route]:
    return [route for route in project_routes() if route.is_organisation_page]


def network_routes() -> list[Route]:
    return [route for route in project_routes() if route.is_network_page]


def other_routes() -> list[Route]:
    return [
        route
        for route in project_routes()
        if not route.is_organisation_page and not route.is_network_page
    ]


def route_named(name: str) -> Route:
    return next(route for route in project_routes() if route.name == name)


# How to fill each URL parameter from the world. A provider returns one value, or a list of
# (label, value) when the route is worth visiting in more than one state.
def _cycle(world, route):
    if "round_id" in route.parameters:
        return world.feedback.cycle_id  # the cycle the round belongs to
    if route.namespace in ("plans", "reports"):
        return world.planned_cycle.pk  # the cycle with the action plan
    return [("submitted", world.planned_cycle.pk), ("in progress", world.current_cycle.pk)]


URL_PARAMETERS = {
    "org_slug": lambda world, route: world.organisation.slug,
    "cycle_id": _cycle,
    "membership_id": lambda world, route: world.spare_member.pk,
    "invitation_id": lambda world, route: world.invitation.pk,
    "action_id": lambda world, route: world.action.pk,
    "session_id": lambda world, route: world.consensus.pk,
    "round_id": lambda world, route: world.feedback.pk,
    "group_id": lambda world, route: world.group.pk,
    "fmt": lambda world, route: [("csv", "csv"), ("xlsx", "xlsx")],
    "step": lambda world, route: "review",  # the step that reads a form
    "network_slug": lambda world, route: world.network.slug,
    "case_study_id": lambda world, route: world.case_study.pk,
}
# Where one parameter name means different things on different routes.
ROUTE_PARAMETERS = {
    ("assessments:domain", "code"): lambda world, route: world.domain.code,
    ("assessments:readiness_theme", "code"): lambda world, route: world.readiness_theme.code,
    ("assessments:reflection", "code"): lambda world, route: world.domain.code,
    # A session belongs to the cycle in progress, where ratings can still be agreed.
    ("assessments:session", "cycle_id"): lambda world, route: world.current_cycle.pk,
    ("assessments:session_edit", "cycle_id"): lambda world, route: world.current_cycle.pk,
    ("assessments:facilitate", "cycle_id"): lambda world, route: world.current_cycle.pk,
    ("assessments:facilitate", "code"): lambda world, route: "leadership-01",
    ("voices:open", "audience"): lambda world, route: [("people", "people"), ("staff", "staff")],
    # Answering an invitation: the network the organisation is invited to, not yet in.
    ("networks:join", "network_slug"): lambda world, route: world.invited_network.slug,
    ("networks:decline", "network_slug"): lambda world, route: world.invited_network.slug,
    ("feedback:start", "token"): lambda world, route: world.feedback.token,
    ("feedback:answer", "token"): lambda world, route: world.feedback.token,
    ("feedback:thanks", "token"): lambda world, route: world.feedback.token,
    ("framework:domain", "code"): lambda world, route: world.domain.code,
    ("framework:principle", "code"): lambda world, route: world.principle.code,
    ("framework:practice_level", "code"): lambda world, route: world.level.code,
    ("invitation_accept", "token"): lambda world, route: world.invitation_token,
    ("accounts:password_reset_confirm", "uidb64"): (
        lambda world, route: world.password_reset_kwargs["uidb64"]
    ),
    ("accounts:password_reset_confirm", "token"): (
        lambda world, route: world.password_reset_kwargs["token"]
    ),
    ("accounts:confirm_email", "uidb64"): (
        lambda world, route: world.email_confirmation_kwargs["uidb64"]
    ),
    ("accounts:confirm_email", "token"): (
        lambda world, route: world.email_confirmation_kwargs["token"]
    ),
}


def provider(route: Route, parameter: str):
    return ROUTE_PARAMETERS.get((route.name, parameter)) or URL_PARAMETERS.get(parameter)


def unbuildable(route: Route) -> list[str]:
    """Why the matrix cannot build this route's URLs (empty when it can)."""
    problems = []
    if not route.name:
        problems.append("the route has no name, so it cannot be reversed")
    problems.extend(
        f"no provider for URL parameter {parameter!r}: add it to URL_PARAMETERS or "
        "ROUTE_PARAMETERS in tests/matrix/routes.py"
        for parameter in route.parameters
        if provider(route, parameter) is None
    )
    return problems


def route_urls(route: Route, world) -> list[tuple[str, str]]:
    """[(variant label, URL)]: one URL per combination of the parameters' values."""
    variants = [("", {})]
    for parameter in route.parameters:
        values = provider(route, parameter)(world, route)
        if not isinstance(values, list):
            values = [("", values)]
        variants = [
            (" ".join(filter(None, (label, value_label))), {**kwargs, parameter: value})
            for label, kwargs in variants
            for value_label, value in values
        ]
    return [(label, reverse(route.name, kwargs=kwargs)) for label, kwargs in variants]
