"""Print server time and SQL query count for the product's pages on realistic data.

Budgets (see ../shared/design.md): a fixed number of queries per page, and under 50 ms
server time for the heaviest page on a warm database. Run with `scripts/benchmark`; it
builds a throwaway database (SQLite by default, or DATABASE_URL), fills it, then requests
each page repeatedly and prints the median and 90th percentile.
"""

import os
import statistics
import time

import django_setup  # noqa: F401  (sets Django up before the imports below)

# isort: split
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

RUNS = int(os.environ.get("BENCHMARK_RUNS", "40"))
BUDGET_MS = 50.0


def build_data():
    from accounts.models import User
    from demo.seed import DEMO_PEOPLE, demo_seed
    from organisations.models import Membership
    from trauma_wales.permissions import Role

    call_command("migrate", verbosity=0)
    organisation = demo_seed()["organisation"]
    users = User.objects.bulk_create(
        User(email=f"member{n}@example.org", full_name=f"Member {n}") for n in range(60)
    )
    Membership.objects.bulk_create(
        Membership(organisation=organisation, user=user, role=Role.CONTRIBUTOR) for user in users
    )
    lead = User.objects.get(email=DEMO_PEOPLE[0].email)
    cycle = _assessment_history(organisation, lead, users[:8])
    _plan_with_actions(cycle, lead, 50)
    return organisation, lead, cycle


def _plan_with_actions(cycle, lead, count):
    """A plan of `count` actions, each with principles, an indicator and an owner."""
    from datetime import date, timedelta

    from action_plans.services import action_save, plan_create
    from assessments.models import Indicator
    from framework.models import Domain, Principle
    from organisations.models import Membership

    plan = plan_create(
        cycle=cycle, actor=lead, title="Benchmark plan",
        period_start=date(2026, 4, 1), period_end=date(2027, 3, 31),
    )  # fmt: skip
    domains = list(Domain.objects.filter(framework=cycle.framework))
    indicators = list(Indicator.objects.filter(framework=cycle.framework))
    principles = list(Principle.objects.filter(framework=cycle.framework))
    owners = list(Membership.objects.filter(organisation=cycle.organisation)[:5])
    for n in range(count):
        action_save(
            plan=plan,
            actor=lead,
            values={
                "description": f"Action {n}: " + "do something useful for people " * 4,
                "outcome": "People say it helped " * 3,
                "target_date": date(2026, 1, 1) + timedelta(days=n * 9),
                "domain": domains[n % len(domains)],
                "responsible_member": owners[n % len(owners)] if n % 3 else None,
                "responsible_other": "" if n % 3 else "Estates team",
                "resources": "Two days of training",
                "indicators": [indicators[n % len(indicators)]],
                "principles": principles[: 1 + n % 3],
            },
        )
    return plan


def _assessment_history(organisation, lead, contributors):
    """Four more submitted cycles (five in all), then one in progress with eight
    contributors who have answered everything."""
    from datetime import date

    from assessments.services.cycles import contributor_invite, cycle_start, cycle_submit
    from demo.seed import demo_answer_everything
    from organisations.models import Membership

    for year in range(2021, 2025):
        cycle = cycle_start(
            organisation=organisation,
            actor=lead,
            name=f"{year} review",
            period_start=date(year, 4, 1),
            period_end=date(year + 1, 3, 31),
        )
        demo_answer_everything(cycle, cycle.responses.get(contributor=None), lead)
        cycle_submit(cycle=cycle, actor=lead)
    cycle = cycle_start(
        organisation=organisation,
        actor=lead,
        name="2026 review",
        period_start=date(2026, 4, 1),
        period_end=date(2027, 3, 31),
    )
    demo_answer_everything(cycle, cycle.responses.get(contributor=None), lead)
    for user in contributors:
        membership = Membership.objects.get(organisation=organisation, user=user)
        response = contributor_invite(cycle=cycle, membership=membership, actor=lead)
        demo_answer_everything(cycle, response, user, shift=-1)
    return cycle


def measure(client, url):
    client.get(url)  # warm
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1], len(queries)


def main():
    from assessments.selectors.questionnaire import first_readiness_theme

    organisation, lead, cycle = build_data()
    theme = first_readiness_theme(cycle=cycle)
    client = Client()
    client.force_login(lead)
    slug = organisation.slug
    pages = [
        ("Home (your organisations)", reverse("home")),
        ("Organisation overview", reverse("organisations:overview", args=[slug])),
        ("Members (64 members)", reverse("organisations:members", args=[slug])),
        ("Framework index", reverse("framework:index")),
        ("Practice level page", reverse("framework:practice_level", args=["enhanced"])),
        ("Assessments list (6 cycles)", reverse("assessments:list", args=[slug])),
        ("Task list hub", reverse("assessments:hub", args=[slug, cycle.pk])),
        (
            "Readiness page (8 contributors)",
            reverse("assessments:readiness_theme", args=[slug, cycle.pk, theme]),
        ),
        (
            "Domain page (8 contributors)",
            reverse("assessments:domain", args=[slug, cycle.pk, "policy"]),
        ),
        ("Check your answers (66 answers)", reverse("assessments:check", args=[slug, cycle.pk])),
        ("Results (with previous cycle)", reverse("assessments:results", args=[slug, cycle.pk])),
        ("Contributors (8)", reverse("assessments:contributors", args=[slug, cycle.pk])),
        ("Action plan (50 actions)", reverse("plans:plan", args=[slug, cycle.pk])),
        ("Plan suggestions", reverse("plans:suggestions", args=[slug, cycle.pk])),
        ("Plan as CSV (50 actions)", reverse("plans:export", args=[slug, cycle.pk, "csv"])),
        ("Plan as Excel (50 actions)", reverse("plans:export", args=[slug, cycle.pk, "xlsx"])),
    ]
    print(f"Database: {connection.vendor}; {RUNS} requests per page after one warm-up\n")
    print(f"{'page':<32} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    worst = 0.0
    for name, url in pages:
        median, p90, queries = measure(client, url)
        worst = max(worst, median)
        print(f"{name:<32} {median:>10.1f} {p90:>8.1f} {queries:>8}")
    verdict = "within" if worst < BUDGET_MS else "OVER"
    print(f"\nSlowest median {worst:.1f} ms: {verdict} the {BUDGET_MS:.0f} ms budget.")
    reset_queries()


if __name__ == "__main__":
    main()
