"""Throughput under load, production-shaped: gunicorn with the production settings on
PostgreSQL, many signed-in people at once, each page measured against a bare page.

Run with `scripts/load-benchmark` (it starts a throwaway PostgreSQL and sets DATABASE_URL).
This script fills the database with the benchmark organisation of benchmarks/pages.py,
collects the static files and starts gunicorn. It measures the home page, adds 10,000
other organisations with a lead and an open invitation each (written with SQL, in
seconds), then measures every page, the home page again included, so the two home page
figures compare a small database with a national one. Each measurement drives gunicorn
with `CLIENTS` threads for `SECONDS`. Each page is measured between two measurements of the bare
page (`/accessibility/`), in `ROUNDS` rounds, and reported as a share of the bare page's
throughput: a noisy machine changes both alike. It prints requests a second, median and
90th-percentile latency, errors, and the memory of each gunicorn worker before and after.

    scripts/load-benchmark                      every page, 2 workers, connections kept
    LOAD_CONN_MAX_AGE=0 scripts/load-benchmark  a new database connection per request
    LOAD_PAGES=results,plan scripts/load-benchmark
    LOAD_BEFORE=4f84464 scripts/load-benchmark  this code against an earlier commit's
    LOAD_MAX_REQUESTS=1000 scripts/load-benchmark   workers recycled as in production
    LOAD_PAGES=feedback scripts/load-benchmark  anonymous answers sent to a feedback round

"feedback" measures the public feedback form: each client reads the form once (for its
CSRF cookie, as a browser does) and then sends answers to it over and over, without an
account; its req/s is answers stored a second. The rate limits for one address and one
link are lifted for the run (every client is 127.0.0.1), and each round of the
measurement answers a round of its own, so no round fills up.

With LOAD_BEFORE, a second gunicorn serves the code of that commit (exported with `git
archive`, sharing this checkout's packages and the same database), and each round
measures both, in turn, each against its own bare page: before and after side by side in
one run, so a noisy machine changes both alike. The earlier code must run on this
database's schema (commits since the load benchmark was added do).
"""

import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "50"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "8"))
ROUNDS = int(os.environ.get("LOAD_ROUNDS", "3"))
WORKERS = os.environ.get("LOAD_WORKERS", "2")
CONN_MAX_AGE = os.environ.get("LOAD_CONN_MAX_AGE", "600")
OTHER_ORGANISATIONS = int(os.environ.get("LOAD_ORGANISATIONS", "10000"))
BEFORE = os.environ.get("LOAD_BEFORE", "").strip()
BARE = "/accessibility/"

# One environment for building the data here and for the server: production settings.
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "trauma_wales.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    "DJANGO_ALLOW_CONSOLE_EMAIL": "1",
    "DJANGO_STATIC_COMPRESS": "0",
    "DATABASE_CONN_MAX_AGE": CONN_MAX_AGE,
    "WEB_CONCURRENCY": WORKERS,
    # Recycling a worker every 1,000 requests (gunicorn.conf.py) means, at a few hundred
    # requests a second, a restart every few seconds during a measurement: a figure would
    # say more about when the restarts fell than about the page. The benchmark measures
    # steady workers, and the memory printed after the run is their growth.
    "GUNICORN_MAX_REQUESTS": os.environ.get("LOAD_MAX_REQUESTS", "0"),
    # The load generator is one address: the feedback form's limits would stop it at once.
    "FEEDBACK_ANSWERS_PER_ADDRESS": "100000000/h",
    "FEEDBACK_ANSWERS_PER_LINK": "100000000/h",
}
os.environ.update(SERVER_ENV)
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Run scripts/load-benchmark: it starts PostgreSQL and sets DATABASE_URL.")

sys.path.insert(0, str(ROOT / "benchmarks"))
import django_setup  # noqa: E402, F401  (Django with the settings above)

# isort: split
from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402
from pages import build_data  # noqa: E402


def other_organisations(count: int) -> None:
    """`count` organisations, each with a lead and an open invitation, in a few statements:
    what a national service holds, so that look-ups across organisations are felt."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, email, full_name, is_staff,
                is_active, date_joined, language, email_confirmed_at)
            SELECT '!', false, 'lead' || g || '@load.example', 'Lead ' || g, false, true,
                now(), 'en', now()
            FROM generate_series(1, %s) AS g;
            INSERT INTO organisations_organisation (name, slug, sector, size_band, created_at,
                updated_at, version)
            SELECT 'Organisation ' || g, 'load-' || g, 'health', '10-49', now(), now(), 1
            FROM generate_series(1, %s) AS g;
            INSERT INTO organisations_membership (organisation_id, user_id, role, created_at,
                version)
            SELECT o.id, u.id, 'lead', now(), 1
            FROM organisations_organisation o
            JOIN accounts_user u ON u.email = 'lead' || substr(o.slug, 6) || '@load.example'
            WHERE o.slug LIKE 'load-%%';
            INSERT INTO organisations_invitation (organisation_id, email, role, language,
                token_hash, created_at, expires_at)
            SELECT o.id, 'invitee' || o.id || '@load.example', 'contributor', 'en',
                md5(o.slug), now(), now() + interval '14 days'
            FROM organisations_organisation o WHERE o.slug LIKE 'load-%%';
            ANALYZE;
            """,
            [count, count],
        )


FEEDBACK = "feedback"  # not a URL: each measurement answers a new round (feedback_round)
_feedback_rounds: list[int] = []  # the rounds the benchmark opened


def feedback_round() -> str:
    """A new open round of the benchmark cycle, asking 8 statements; its link's token."""
    from datetime import timedelta

    from django.utils import timezone

    from assessments.models import AssessmentCycle
    from voices.models import FeedbackRound, FeedbackStatement

    cycle = AssessmentCycle.objects.order_by("-pk").first()
    made = FeedbackRound.objects.create(
        cycle=cycle,
        audience="people",
        closes_on=timezone.localdate() + timedelta(days=7),
        max_responses=5000,
        support_en="Call 111",
        support_cy="Ffoniwch 111",
    )
    made.statements.set(
        FeedbackStatement.objects.filter(framework=cycle.framework, audience="people")[:8]
    )
    token = made.token
    _feedback_rounds.append(made.pk)
    connection.close()
    return token


def stored_answers() -> int:
    """Answers stored in the benchmark's rounds (not the demo's)."""
    from voices.models import FeedbackResponse

    count = FeedbackResponse.objects.filter(round_id__in=_feedback_rounds).count()
    connection.close()
    return count


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(url: str, cookies: str = "", data: dict | None = None):
    body = urlencode(data).encode() if data else None
    req = urllib.request.Request(url, data=body, headers={"Cookie": cookies})  # noqa: S310
    try:
        answer = urllib.request.build_opener(NoRedirect).open(req, timeout=60)
    except urllib.error.HTTPError as error:
        answer = error
    return answer.status, answer.headers, answer.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(base: str, email: str, password: str) -> str:
    """A signed-in session's cookie header, through the sign-in page as a browser would."""
    _status, headers, body = request(f"{base}/accounts/sign-in/")
    csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1].decode()
    cookie = "; ".join(c.split(";")[0] for c in headers.get_all("Set-Cookie"))
    data = {"csrfmiddlewaretoken": csrf, "username": email, "password": password}
    status, headers, _body = request(f"{base}/accounts/sign-in/", cookie, data)
    assert status == 302, f"sign-in failed ({status})"
    session = [c.split(";")[0] for c in headers.get_all("Set-Cookie") if c.startswith("sessionid")]
    return session[0]


def form_answers(url: str) -> tuple[str, dict]:
    """What a person's browser sends to the feedback form at `url`: its CSRF cookie, and
    the first answer to every statement with the page's token."""
    _status, headers, body = request(url)
    cookie = "; ".join(c.split(";")[0] for c in headers.get_all("Set-Cookie") or [])
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1].decode()
    data = {"csrfmiddlewaretoken": token, "go": "send"}
    for name in dict.fromkeys(re.findall(rb'name="(statement_\d+)"', body)):
        data[name.decode()] = "agree"
    return cookie, data


def load(url: str, cookie: str, *, answering: bool = False) -> dict:
    """`CLIENTS` threads request `url` over and over for `SECONDS`; `answering`: each
    sends answers to the feedback form at `url` instead (a 302 to its thanks page is a
    success)."""
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + SECONDS
    lock = threading.Lock()

    def client():
        mine, failed = [], 0
        own_cookie, data, expected = cookie, None, 200
        if answering:
            own_cookie, data = form_answers(url)
            expected = 302
        while time.monotonic() < stop:
            started = time.monotonic()
            try:
                status, _headers, _body = request(url, own_cookie, data)
            except OSError:
                status = 0
            if status == expected:
                mine.append(time.monotonic() - started)
            else:
                failed += 1
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "rps": len(latencies) / SECONDS,
        "median": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p90": latencies[int(len(latencies) * 0.9)] * 1000 if latencies else 0.0,
        "errors": errors[0],
        "ok": len(latencies),
    }


def worker_memory(master: int) -> list[int]:
    """Resident memory of each gunicorn worker (MiB)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status)[1]) // 1024)
    return sorted(sizes)


def main() -> None:
    from demo.seed import DEMO_PASSWORD, DEMO_PEOPLE

    started = time.monotonic()
    organisation, _lead, cycle = build_data()
    connection.close()
    print(f"The benchmark organisation built in {time.monotonic() - started:.0f} s")

    servers = [Server(ROOT)]
    try:
        if BEFORE:
            servers.append(Server(exported(BEFORE)))
        after, before = servers[0], (servers[1] if BEFORE else None)
        for server in servers:
            server.wait_until_live()
        base = after.base
        cookie = sign_in(base, DEMO_PEOPLE[0].email, DEMO_PASSWORD)
        slug, pk = organisation.slug, cycle.pk
        pages = {
            "home": (f"Home ({OTHER_ORGANISATIONS:,} other organisations)", reverse("home")),
            "overview": ("Organisation overview", reverse("organisations:overview", args=[slug])),
            "results": (
                "Results (with previous cycles)",
                reverse("assessments:results", args=[slug, pk]),
            ),
            "plan": ("Plan (50 actions)", reverse("plans:plan", args=[slug, pk])),
            "xlsx": ("Plan as Excel", reverse("plans:export", args=[slug, pk, "xlsx"])),
            "report": ("Board report (HTML)", reverse("reports:report", args=[slug, pk])),
            "feedback": ("Feedback form: answers sent", FEEDBACK),
        }
        chosen = (
            os.environ.get("LOAD_PAGES", "").split(",")
            if os.environ.get("LOAD_PAGES")
            else list(pages)
        )
        for server in servers:
            for key in chosen:
                if key == "feedback":
                    continue  # a round of its own each time (Figures.measure)
                status = request(f"{server.base}{pages[key][1]}", cookie)[0]
                assert status == 200, f"{pages[key][1]} answered {status} ({server.root})"
        memory = {server: worker_memory(server.process.pid) for server in servers}
        print(
            f"gunicorn: {WORKERS} sync workers, production settings, PostgreSQL, "
            f"DATABASE_CONN_MAX_AGE={CONN_MAX_AGE}; {CLIENTS} clients, {SECONDS:g} s per "
            f"measurement, {ROUNDS} rounds (bare, page, bare)"
            + (f"; before = commit {BEFORE}, after = this checkout, in turn" if before else "")
            + "\n"
        )
        print(f"{'page':<34} {'share of bare':>13} {'req/s':>7} {'bare req/s':>10} "
              f"{'median ms':>9} {'p90 ms':>7} {'errors':>6}")  # fmt: skip

        def measure_page(name: str, url: str) -> None:
            figures = {server: Figures() for server in servers}
            for round_number in range(ROUNDS):
                # Alternate which goes first, so that drift during a round favours neither.
                order = servers if round_number % 2 == 0 else servers[::-1]
                for server in order:
                    figures[server].measure(server.base, url, cookie)
            for server in servers:
                label = name if not before else f"{name}, {server.label}"
                print(f"{label:<34} {figures[server]}")
            if url == FEEDBACK:
                accepted = sum(f.answered for f in figures.values())
                print(f"{'':<34} {accepted} answers accepted, {stored_answers()} stored")
            if before:
                change = figures[after].share / figures[before].share
                print(f"{'':<34} {change:>12.2f} times the share before")

        if "home" in chosen and OTHER_ORGANISATIONS:
            measure_page("Home (no other organisations)", pages["home"][1])
        started = time.monotonic()
        other_organisations(OTHER_ORGANISATIONS)
        connection.close()
        print(f"({OTHER_ORGANISATIONS:,} other organisations added in "
              f"{time.monotonic() - started:.0f} s)")  # fmt: skip
        for key in chosen:
            measure_page(*pages[key])
        for server in servers:
            print(
                f"\nWorker memory (MiB), {server.label}: {memory[server]} before the run, "
                f"{worker_memory(server.process.pid)} after"
            )
    finally:
        for server in servers:
            server.stop()


class Figures:
    """One page's measurements on one server, each between two of the bare page."""

    def __init__(self):
        self.shares, self.rates, self.bares, self.medians, self.p90s = [], [], [], [], []
        self.errors = 0
        self.answered = 0  # answers the feedback form accepted (302), when measuring it

    def measure(self, base: str, url: str, cookie: str) -> None:
        answering = url == FEEDBACK
        if answering:
            url = reverse("feedback:answer", kwargs={"token": feedback_round()}) + "?layout=all"
        bare_before = load(f"{base}{BARE}", cookie)
        page = load(f"{base}{url}", cookie, answering=answering)
        bare_after = load(f"{base}{BARE}", cookie)
        bare = (bare_before["rps"] + bare_after["rps"]) / 2
        self.shares.append(page["rps"] / bare if bare else 0.0)
        self.rates.append(page["rps"])
        self.bares.append(bare)
        self.medians.append(page["median"])
        self.p90s.append(page["p90"])
        self.errors += page["errors"] + bare_before["errors"] + bare_after["errors"]
        if answering:
            self.answered += page["ok"]

    @property
    def share(self) -> float:
        return statistics.median(self.shares)

    def __str__(self) -> str:
        return (
            f"{self.share:>13.2f} {statistics.median(self.rates):>7.0f} "
            f"{statistics.median(self.bares):>10.0f} {statistics.median(self.medians):>9.0f} "
            f"{statistics.median(self.p90s):>7.0f} {self.errors:>6}"
        )


class Server:
    """gunicorn with the production settings, serving the code in `root`."""

    def __init__(self, root: Path):
        self.root = root
        self.label = "after" if root == ROOT else "before"
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "DJANGO_STATIC_ROOT": tempfile.mkdtemp(prefix="load-static-"),
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=root, env=env, check=True,
        )  # fmt: skip
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(  # noqa: S603 (our own server)
            [gunicorn, "-c", "gunicorn.conf.py"],
            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def wait_until_live(self) -> None:
        for _ in range(100):
            try:
                if request(f"{self.base}/health/live/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start in {self.root}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=30)


def exported(revision: str) -> Path:
    """The code of `revision` in a throwaway folder, with this checkout's front-end
    packages and built styles (neither is in git)."""
    folder = Path(tempfile.mkdtemp(prefix="load-before-"))
    archive = subprocess.run(  # noqa: S603
        ["git", "archive", "--format=tar", revision],  # noqa: S607
        cwd=ROOT, check=True, capture_output=True,
    ).stdout  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)  # noqa: S603, S607
    shutil.copytree(ROOT / "static" / "build", folder / "static" / "build", dirs_exist_ok=True)
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    return folder


if __name__ == "__main__":
    main()
