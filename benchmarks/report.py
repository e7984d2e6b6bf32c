"""Print what the board report PDF costs, now that the worker makes it (docs/adr/0011).

On a complete report (six domains, 48 indicators, 40 actions, a previous cycle,
contributors and workforce figures) in a throwaway database, over several runs:

- serving the kept PDF: the whole download request (permission checks, the report's
  fingerprint, reading the file); budget 200 ms;
- the worker's job (the report builder, the templates, WeasyPrint, keeping the file,
  removing what it supersedes) against WeasyPrint alone on the same HTML, interleaved
  (job, WeasyPrint, job, WeasyPrint, ...) so this VM's drifting speed weighs on both
  alike: our overhead should stay under 10% of WeasyPrint's time;
- a sign-in page's latency with nothing rendering, while a real `manage.py db_worker`
  process makes the four PDFs, and while a PDF is made inside the web process (as every
  PDF was before).

Figures only: nothing here fails a build.
"""

import io
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

_media = tempfile.TemporaryDirectory()
os.environ["BENCHMARK_MEDIA_ROOT"] = _media.name
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"

import django_setup  # noqa: E402, F401  (sets Django up before the imports below)

# isort: split
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from pypdf import PdfReader  # noqa: E402

RUNS = int(os.environ.get("BENCHMARK_RUNS", "7"))
# BENCHMARK_REPORT=heavy adds evidence notes on every indicator and six contributors.
HEAVY = os.environ.get("BENCHMARK_REPORT", "") == "heavy"
SERVE_BUDGET_S = 0.2
OVERHEAD_BUDGET = 0.10


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
    cycle = cycle_submit(cycle=cycle, actor=lead)
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


def _seconds(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def worker_job_against_weasyprint(cycle, variant):
    """[(job seconds, WeasyPrint seconds)], interleaved, after one warm-up of each. Each job
    starts from a queued row, as the worker finds it."""
    from reports.documents import report_document
    from reports.models import StoredReport
    from reports.pdf import render_pdf
    from reports.services import stored_report_render
    from reports.storage import report_file_delete

    html = report_document(cycle=cycle, variant=variant).html
    fingerprint = report_document(cycle=cycle, variant=variant, dated=False).fingerprint

    def queued():
        for old in StoredReport.objects.filter(cycle=cycle, **variant.fields()):
            report_file_delete(old.file_name)
            old.delete()
        return StoredReport.objects.create(cycle=cycle, fingerprint=fingerprint, **variant.fields())

    def job(stored):
        assert stored_report_render(stored_report_id=stored.pk).is_ready

    job(queued())
    render_pdf(html)
    pairs = []
    for _ in range(RUNS):
        stored = queued()
        pairs.append((_seconds(lambda s=stored: job(s)), _seconds(lambda: render_pdf(html))))
    return pairs


def sign_in_latency(client, until, spacing=0.05, at_least=20) -> list[float]:
    """Seconds per GET of the sign-in page, one every `spacing` s, until `until()` is true
    (and at least `at_least` samples)."""
    url = reverse("accounts:login")
    samples = []
    while len(samples) < at_least or not until():
        samples.append(_seconds(lambda: client.get(url)))
        time.sleep(spacing)
    return samples


def while_a_worker_renders(cycle) -> tuple[list[float], int, float]:
    """Sign-in latencies while a separate `manage.py db_worker` process makes the cycle's
    four PDFs; how many it made, and how long it took."""
    from reports.models import RenderStatus, StoredReport
    from reports.services import reports_prepare
    from reports.storage import report_file_delete

    for old in StoredReport.objects.filter(cycle=cycle):
        report_file_delete(old.file_name)
        old.delete()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--verbosity", "0"],
        cwd=Path(__file__).resolve().parent.parent,
        env=os.environ.copy(),
    )
    try:
        time.sleep(3)  # the worker process starting Django
        start = time.perf_counter()
        queued = len(reports_prepare(cycle=cycle))
        ready = StoredReport.objects.filter(cycle=cycle, status=RenderStatus.READY)
        rendering = StoredReport.objects.filter(cycle=cycle, status=RenderStatus.RENDERING)
        while not rendering.exists() and ready.count() < queued:
            time.sleep(0.02)
        samples = sign_in_latency(Client(), until=lambda: ready.count() >= queued, at_least=5)
        return samples, ready.count(), time.perf_counter() - start
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def while_the_web_process_renders(html) -> list[float]:
    """Sign-in latencies while a PDF is made in a thread of this process, as when every
    download made its PDF inside a web request."""
    from reports.pdf import render_pdf

    renderer = threading.Thread(target=render_pdf, args=(html,))
    renderer.start()
    time.sleep(0.1)
    samples = sign_in_latency(Client(), until=lambda: not renderer.is_alive(), at_least=5)
    renderer.join()
    return samples


def ms(samples) -> str:
    return f"median {statistics.median(samples) * 1000:7.1f} ms, max {max(samples) * 1000:7.1f} ms"


def main():
    from reports.documents import Variant, report_document
    from reports.selectors import FULL, board_report

    organisation, reviewer, cycle = build_data()
    variant = Variant(FULL, "en", True)
    html = report_document(cycle=cycle, variant=variant).html
    report = board_report(cycle=cycle)

    # The worker's job against WeasyPrint alone
    pairs = worker_job_against_weasyprint(cycle, variant)
    jobs, weasy = [p[0] for p in pairs], [p[1] for p in pairs]
    overhead = statistics.median(j - w for j, w in pairs)
    ratio = overhead / statistics.median(weasy)

    # Serving the kept PDF (left by the last job above)
    client = Client()
    client.force_login(reviewer)
    url = reverse("reports:pdf", args=[organisation.slug, cycle.pk]) + "?version=full&language=en"
    pdf = client.get(url).getvalue()
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    serve = [_seconds(lambda: client.get(url).getvalue()) for _ in range(RUNS * 3)]

    # A sign-in page: idle, a worker process rendering, the web process rendering
    idle = sign_in_latency(Client(), until=lambda: True, at_least=RUNS * 3)
    busy, made, worker_seconds = while_a_worker_renders(cycle)
    in_process = while_the_web_process_renders(html)

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
    print(f"{'step':<46} {'median s':>9} {'max s':>7}")
    rows = [
        ("Download of the kept PDF (whole request)", serve),
        ("Worker: make and keep the PDF (whole job)", jobs),
        ("  WeasyPrint alone, same HTML", weasy),
    ]
    for name, samples in rows:
        print(f"{name:<46} {statistics.median(samples):>9.3f} {max(samples):>7.3f}")
    print(
        f"{'  our overhead (job minus WeasyPrint, paired)':<46} {overhead:>9.3f}"
        f"   = {ratio:.1%} of WeasyPrint's time"
    )
    print("\nA sign-in page (GET, in this process):")
    print(f"  {'nothing rendering':<44} {ms(idle)} ({len(idle)} requests)")
    print(
        f"  {'a db_worker process making the 4 PDFs':<44} {ms(busy)} ({len(busy)} requests; "
        f"{made} PDFs in {worker_seconds:.1f} s)"
    )
    before = "a PDF made in this process (as before)"
    print(f"  {before:<44} {ms(in_process)} ({len(in_process)} requests)")
    serve_median = statistics.median(serve)
    print(
        f"\nServing the kept PDF: {serve_median * 1000:.0f} ms median, "
        f"{'within' if serve_median < SERVE_BUDGET_S else 'OVER'} the "
        f"{SERVE_BUDGET_S * 1000:.0f} ms budget. Our overhead: {ratio:.1%}, "
        f"{'within' if ratio < OVERHEAD_BUDGET else 'OVER'} the {OVERHEAD_BUDGET:.0%} budget."
    )


if __name__ == "__main__":
    main()
