"""The production stack, end to end, as scripts/serve and a deployment run it.

One boot for every step, against a fresh database in the test PostgreSQL: two release
steps at once (migrations must not trip over each other), the demo data, collectstatic,
two gunicorn instances on different ports, the task worker, and a real SMTP server (aiosmtpd)
in this process. Then: sign in on one instance and carry on on the other (sessions are
shared), invite someone and receive the email, download the board report, and with the
mail server refusing and then hanging, the invitation page still answers at once while
the worker records its attempts.

PostgreSQL only (the second stage of ./scripts/test): production refuses SQLite.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg2
import pytest
from aiosmtpd.controller import Controller

from demo.seed import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
TEST_DATABASE = os.environ.get("DATABASE_URL", "")
FAST = 2.0  # seconds a page may take while the mail server is broken (EMAIL_TIMEOUT is 3)

pytestmark = [
    pytest.mark.skipif(
        not TEST_DATABASE.startswith("postgres"),
        reason="the production stack runs on PostgreSQL (the second stage of ./scripts/test)",
    ),
    pytest.mark.timeout(300),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(what: str, check, seconds: float = 30.0, every: float = 0.2):
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(every)


class Sink:
    """An SMTP server that keeps what it receives; it can also refuse (nothing listens on
    its port) or hang (it accepts the connection and never says a word)."""

    def __init__(self, port: int):
        self.port, self.messages, self.hanging = port, [], None
        self.controller = Controller(self, hostname="127.0.0.1", port=port)
        self.controller.start()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's name
        self.messages.append(envelope)
        return "250 Message accepted"

    def to(self, address: str) -> list[str]:
        return [
            e.content.decode("utf-8", "replace") for e in self.messages if address in e.rcpt_tos
        ]

    def refuse(self) -> None:
        self.controller.stop()

    def hang(self) -> None:
        self.hanging = socket.socket()
        self.hanging.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.hanging.bind(("127.0.0.1", self.port))
        self.hanging.listen(16)  # the kernel completes each connection; nobody answers

    def close(self) -> None:
        if self.hanging:
            self.hanging.close()
        else:
            self.controller.stop()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Browser:
    """Keeps cookies itself: the session and CSRF cookies are Secure, which the standard
    cookie jar would not send over the plain HTTP of this machine."""

    cookies: dict = field(default_factory=dict)

    def request(self, url: str, data: dict | None = None) -> Response:
        body = urlencode(data).encode() if data else None
        request = urllib.request.Request(url, data=body)  # noqa: S310 (http, our own server)
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        started = time.monotonic()
        try:
            answer = urllib.request.build_opener(NoRedirects).open(request, timeout=60)
        except urllib.error.HTTPError as error:
            answer = error
        body = answer.read()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Response(answer.status, dict(answer.headers), body, time.monotonic() - started)

    def post_form(self, url: str, data: dict, form_page: str = "") -> Response:
        """POST `data` to `url` with the CSRF token of the page the form is on, and the
        version the page was loaded at (edit forms refuse a save without it)."""
        page = self.request(form_page or url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        version = re.search(r'name="version" value="(\d+)"', page.text)
        loaded = {"version": version.group(1)} if version else {}
        return self.request(url, {"csrfmiddlewaretoken": token, **loaded, **data})


@dataclass
class Stack:
    webs: list[str]
    database: str
    sink: Sink
    logs: Path

    def query(self, sql: str, params=()):
        with psycopg2.connect(self.database) as connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        connection.close()
        return rows

    def emails_to(self, address: str):
        return self.query(
            "SELECT status, attempts, last_error FROM trauma_wales_outgoingemail "
            'WHERE "to"::text LIKE %s ORDER BY id DESC',
            [f'%"{address}"%'],
        )


def database_url(name: str) -> str:
    """The test server's URL for another database on it (libpq reads the same URL)."""
    parts = urlsplit(TEST_DATABASE)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    logs = tmp_path_factory.mktemp("stack")
    name = f"stack_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(database_url("postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    sink = Sink(free_port())
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))},
        "DJANGO_SETTINGS_MODULE": "trauma_wales.settings.production",
        "DJANGO_SECRET_KEY": uuid.uuid4().hex * 2,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url(name),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "EMAIL_TIMEOUT": "3",
        "EMAIL_RETRY_DELAYS": "1,1,1,120",
        "DJANGO_STATIC_ROOT": str(logs / "static"),
        "DJANGO_STATIC_COMPRESS": "0",
        "DJANGO_MEDIA_ROOT": str(logs / "media"),
        "WEB_CONCURRENCY": "1",
    }
    processes: list[subprocess.Popen] = []

    def start(label: str, *command: str, **extra_env: str) -> subprocess.Popen:
        log = (logs / f"{label}.log").open("w")
        process = subprocess.Popen(  # noqa: S603 (our own commands)
            command, cwd=ROOT, env={**env, **extra_env}, stdout=log, stderr=subprocess.STDOUT
        )
        processes.append(process)
        return process

    try:
        manage = (PYTHON, "manage.py")
        releases = [start(f"release-{n}", *manage, "release") for n in (1, 2)]
        assert [release.wait(timeout=120) for release in releases] == [0, 0], "release failed"
        for step in (("seed_demo", "--allow-production"), ("collectstatic", "--noinput")):
            subprocess.run(  # noqa: S603 (our own commands)
                [*manage, *step, "-v0"], cwd=ROOT, env=env, check=True, timeout=120,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        webs = []
        for n in (1, 2):
            port = free_port()
            start(f"web-{n}", GUNICORN, "-c", "gunicorn.conf.py",
                  GUNICORN_BIND=f"127.0.0.1:{port}")  # fmt: skip
            webs.append(f"http://127.0.0.1:{port}")
        start("worker", *manage, "db_worker", "--no-reload", "--no-startup-delay",
              "--interval", "0.2")  # fmt: skip
        for web in webs:
            wait_for(f"{web} to be ready", lambda web=web: _status(f"{web}/health/ready/") == 200)
        yield Stack(webs=webs, database=database_url(name), sink=sink, logs=logs)
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        sink.close()
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        shutil.rmtree(logs / "static", ignore_errors=True)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 (our own server)
            return answer.status
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


def test_the_production_stack_end_to_end(stack):
    web_1, web_2 = stack.webs
    slug, cycle = stack.query(
        "SELECT o.slug, c.id FROM organisations_organisation o "
        "JOIN assessments_assessmentcycle c ON c.organisation_id = o.id "
        "WHERE o.name = 'Cwm Afon Housing Association' AND c.name LIKE %s",
        ("% baseline",),
    )[0]
    members, invite = f"/o/{slug}/members/", f"/o/{slug}/members/invite/"
    lead = Browser()

    # Signed in on one process, carrying on on the other: the session is in the database.
    signed_in = lead.post_form(
        f"{web_1}/accounts/sign-in/", {"username": "lead@example.org", "password": DEMO_PASSWORD}
    )
    assert signed_in.status == 302, signed_in.text[:500]
    page = lead.request(f"{web_2}{members}")
    assert page.status == 200
    assert "contributor@example.org" in page.text
    assert re.fullmatch(r"[0-9a-f]{32}", page.headers["X-Request-ID"])

    # An invitation reaches the mail server, from the worker.
    invited = lead.post_form(
        f"{web_2}{invite}", {"email": "nia@example.org", "role": "contributor", "language": "en"}
    )
    assert invited.status == 302
    message = wait_for("the invitation email", lambda: stack.sink.to("nia@example.org"))[0]
    assert "Cwm Afon Housing Association" in message
    assert f"{web_2}/invitations/" in message.replace("=\n", "")
    wait_for("the email marked sent", lambda: stack.emails_to("nia@example.org")[0][0] == "sent")

    # A plan revised and resubmitted on one process, approved on the other: the reviewer
    # and then the lead hear of it by email.
    plan = f"/o/{slug}/assessments/{cycle}/plan/"
    reviewer = Browser()
    reviewer.post_form(f"{web_2}/accounts/sign-in/",
                       {"username": "reviewer@example.org", "password": DEMO_PASSWORD})  # fmt: skip
    before = {who: len(stack.sink.to(f"{who}@example.org")) for who in ("reviewer", "lead")}
    for step in ("revise", "submit"):
        moved = lead.post_form(f"{web_1}{plan}{step}/", {}, form_page=f"{web_1}{plan}")
        assert moved.status == 302
    wait_for("the reviewer's email",
             lambda: len(stack.sink.to("reviewer@example.org")) > before["reviewer"])  # fmt: skip
    assert "Action plan ready for review" in stack.sink.to("reviewer@example.org")[-1]
    approved = reviewer.post_form(f"{web_2}{plan}review/",
                                  {"decision": "approved", "comment": "Da iawn."},
                                  form_page=f"{web_2}{plan}")  # fmt: skip
    assert approved.status == 302
    wait_for("the lead's email", lambda: len(stack.sink.to("lead@example.org")) > before["lead"])
    assert "Action plan approved" in stack.sink.to("lead@example.org")[-1]

    # The assessment reopened on one process and submitted again on the other: the
    # submission's hooks run (the workforce figures are kept with it).
    reopened = lead.post_form(
        f"{web_1}/o/{slug}/assessments/{cycle}/reopen/",
        {"reason": "A colleague found a missing answer."},
    )
    assert reopened.status == 302, reopened.text[:500]
    check = f"{web_2}/o/{slug}/assessments/{cycle}/check/"
    submitted = lead.post_form(check, {}, form_page=check)
    assert submitted.status == 302, submitted.text[:500]
    assert stack.query(
        "SELECT status FROM assessments_assessmentcycle WHERE id = %s", (cycle,)
    ) == [("submitted",)]

    # The board report's PDF is made by the worker after the approval and the submission,
    # kept, and then served as a file.
    report = f"{web_1}/o/{slug}/assessments/{cycle}/report/report.pdf"
    pdf = wait_for(
        "the kept board report",
        lambda: (r := lead.request(report)).headers["Content-Type"] == "application/pdf" and r,
        seconds=120,
        every=1.0,
    )
    assert pdf.status == 200 and pdf.body.startswith(b"%PDF")
    assert (
        stack.query(
            "SELECT count(*) FROM reports_storedreport WHERE cycle_id = %s AND status = 'ready'",
            (cycle,),
        )[0][0]
        >= 1
    )

    # A mail server that refuses: the page answers at once, the worker tries again.
    stack.sink.refuse()
    refused = lead.post_form(
        f"{web_1}{invite}", {"email": "refused@example.org", "role": "reviewer", "language": "cy"}
    )
    assert refused.status == 302 and refused.seconds < FAST
    status, _attempts, error = wait_for(
        "two refused attempts",
        lambda: next((r for r in stack.emails_to("refused@example.org") if r[1] >= 2), None),
    )
    assert status == "queued" and "ConnectionRefusedError" in error
    assert "We will try again" in lead.request(f"{web_2}{members}").text

    # A mail server that takes the connection and never answers: the same.
    stack.sink.hang()
    hung = lead.post_form(
        f"{web_2}{invite}", {"email": "hung@example.org", "role": "board", "language": "both"}
    )
    assert hung.status == 302 and hung.seconds < FAST
    status, _attempts, error = wait_for(
        "an attempt that timed out",
        lambda: next((r for r in stack.emails_to("hung@example.org") if r[1] >= 1), None),
        seconds=45,
    )
    assert status == "queued" and "timed out" in error.lower()
    for web in stack.webs:
        assert _status(f"{web}/health/live/") == 200
