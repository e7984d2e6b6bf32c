"""Print how long the board report takes to make, and how much of that is WeasyPrint.

Budget (issue: board report): a complete report (six domains, 48 indicators, 40 actions,
a previous cycle, contributors and workforce figures) renders as a PDF in under 2 seconds.
The script builds that data in a throwaway database, then times, over several runs:

- the whole PDF request (permission checks, the report builder, the template, WeasyPrint);
- the report builder and template alone (our code);
- WeasyPrint alone on the same HTML;

so the overhead of our own code is visible beside the renderer's.
"""

import io
import os
import platform
import statistics
import sys
import time

import django_setup  # noqa: F401  (sets Django up before the imports below)

# isort: split
from django.core.cache import cache
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

RUNS = int(os.environ.get("BENCHMARK_RUNS", "7"))
# The "complete report" is six domains, 42+ indicators, 40 actions and a previous
# cycle. BENCHMARK_REPORT=heavy adds evidence notes on every indicator and six contributors.
HEAVY = os.environ.get("BENCHMARK_REPORT", "") == "heavy"
BUDGET_S = 2.0


def build_data():
    """The demo organisation (its 2025 baseline is the previous cycle, with workforce
    figures), plus a submitted 2026 cycle and an approved 40-action plan."""
    from datetime import date

    from accounts.models import User
    from action_plans.services import plan_move
    from assessments.services.cycles import cycle_start, cycle_submit
    from benchmarks.pages import _plan_with_actions
    from demo.seed import DEMO_PEOPLE, demo_answer_everything, demo_seed
    from organisations.models import Membership
    from trauma_wales.permissions import Role

    call_command("migrate", verbosity=0)
    organisation = demo_seed()["organisation"]
    lead = User.objects.get(email=DEMO_PEOPLE[0].email)
    reviewer = Membership.objects.get(organisation=organisation, role=Role.REVIEWER)
    cycle = cycle_start(
        organisation=organisation, actor=lead, name="2026 review",
        period_start=date(2026, 4, 1), period_end=date(2027, 3, 31),
    )  # fmt: skip
    response = cycle.responses.get(contributor=None)
    demo_answer_everything(cycle, response, lead)
    if HEAVY:
        _evidence_and_contributors(organisation, cycle, lead, response)
    cycle_submit(cycle=cycle, actor=lead)
    plan = _plan_with_actions(cycle, lead, 40)
    plan_move(plan=plan, to_status="in_review", actor=lead)
    plan_move(plan=plan, to_status="approved", actor=reviewer.user)
    return organisation, reviewer.user, cycle


def _evidence_and_contributors(organisation, cycle, lead, response):
    from accounts.models import User
    from assessments.models import IndicatorAnswer
    from assessments.services.cycles import contributor_invite
    from demo.seed import demo_answer_everything
    from organisations.models import Membership
    from trauma_wales.permissions import Role

    IndicatorAnswer.objects.filter(response=response).update(
        evidence="Minutes of the March board meeting; staff survey results; the revised "
        "induction pack and the notes of two tenants' focus groups."
    )
    users = User.objects.bulk_create(
        User(email=f"colleague{n}@example.org", full_name=f"Colleague {n}") for n in range(6)
    )
    for user in users:
        membership = Membership.objects.create(
            organisation=organisation, user=user, role=Role.CONTRIBUTOR
        )
        demo_answer_everything(
            cycle, contributor_invite(cycle=cycle, membership=membership, actor=lead), user
        )


def timed(*functions, runs=RUNS):
    """Median and maximum seconds of each function. The runs are interleaved (a, b, c, a, b,
    c, ...) so that this VM's speed, which drifts by 20% or more over a minute, weighs on
    every step alike and the steps stay comparable."""
    for function in functions:
        function()  # warm
    times = [[] for _ in functions]
    for _ in range(runs):
        for function, samples in zip(functions, times, strict=True):
            start = time.perf_counter()
            function()
            samples.append(time.perf_counter() - start)
    return [(statistics.median(samples), max(samples)) for samples in times]


def main():
    from reports.pdf import html_to_pdf
    from reports.selectors import board_report

    organisation, reviewer, cycle = build_data()
    client = Client()
    client.force_login(reviewer)
    url = reverse("reports:pdf", args=[organisation.slug, cycle.pk])

    def whole_request():
        cache.clear()  # a real render each time, not the cached copy
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")

    def cached_request():
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")

    def our_code():
        report = board_report(cycle=cycle)
        return render_to_string(
            "reports/report_pdf.html", {"report": report, "report_language": "en"}
        )

    html = our_code()
    report = board_report(cycle=cycle)
    pages = len(PdfReader(io.BytesIO(html_to_pdf(html))).pages)
    (
        (request_median, request_max),
        (ours_median, ours_max),
        (weasy_median, weasy_max),
        (cached_median, cached_max),
    ) = timed(whole_request, our_code, lambda: html_to_pdf(html), cached_request)
    print(
        f"Full board report: {len(report.domains)} domain areas, "
        f"{sum(len(d.rows) for d in report.domains)} indicators, "
        f"{len(report.plan.actions)} actions, previous cycle "
        f"{'yes' if report.results.previous_cycle else 'no'}, "
        f"workforce figures {'yes' if report.coverage else 'no'}, "
        f"{report.contributor_count} contributors; {len(html) // 1024} KB of HTML; "
        f"{pages} pages.\n{RUNS} interleaved runs after one warm-up; "
        f"Python {platform.python_version()} ({sys.executable}).\n"
    )
    print(f"{'step':<42} {'median s':>9} {'max s':>7}")
    print(f"{'Whole PDF request':<42} {request_median:>9.2f} {request_max:>7.2f}")
    print(f"{'  our code (builder and template)':<42} {ours_median:>9.2f} {ours_max:>7.2f}")
    print(f"{'  WeasyPrint alone, same HTML':<42} {weasy_median:>9.2f} {weasy_max:>7.2f}")
    again = "Same report again (PDF cached)"
    print(f"{again:<42} {cached_median:>9.2f} {cached_max:>7.2f}")
    verdict = "within" if request_median < BUDGET_S else "OVER"
    print(f"\nMedian {request_median:.2f} s: {verdict} the {BUDGET_S:.0f} s budget.")


if __name__ == "__main__":
    main()
