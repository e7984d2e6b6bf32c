"""Plan downloads: the framework's five columns first, every action in them, nothing a
spreadsheet would run as a formula, Welsh letters intact, and a fixed number of queries."""

import csv
import io
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from action_plans.exports import plan_csv, plan_export_rows, plan_xlsx
from action_plans.models import DeliveryStatus, Priority, ProgressUpdate
from framework.models import Domain, Principle
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.organisations.factories import MembershipFactory
from trauma_wales.models import AuditEntry

pytestmark = pytest.mark.django_db

# Downloads say which actions are overdue, judged on today's date: the tests judge them on
# this fixed day, so an action due on 31 March 2027 is still in progress whenever they run.
TODAY = date(2026, 6, 1)

TEMPLATE_HEADINGS = [
    "Action",
    "Responsibility",
    "Timescale for completion",
    "Resources required",
    "Outcome",
]
ALL_HEADINGS = [
    *TEMPLATE_HEADINGS,
    "Status",
    "Domain area",
    "Principles",
    "Priority",
    "Progress",
]
WELSH = "Ysgol Gymraeg \u2013 Llyfrgell"  # en dash
INJECTIONS = {
    "description": '=HYPERLINK("http://evil.example","Click")',
    "resources": "+1+cmd|' /C calc'!A0",
    "outcome": "-2+3",
    "responsible_other": "@SUM(1+1)*cmd|' /C calc'!A0",
}


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.combine(TODAY, time(12), UTC), tick=False)
    assert timezone.localdate() == TODAY


@pytest.fixture
def plan(organisation):
    return PlanFactory(cycle__organisation=organisation, title="Cynllun gweithredu 2026")


@pytest.fixture
def actions(plan, organisation):
    framework = plan.cycle.framework
    member = MembershipFactory(organisation=organisation, user__full_name="Siân Owen")
    overdue_target = TODAY - timedelta(days=10)
    detailed = ActionFactory(
        plan=plan,
        description=WELSH,
        responsible_member=member,
        responsible_other="Tîm llesiant",
        start_date=date(2026, 1, 5),
        target_date=date(2027, 3, 31),
        resources="Two days of training",
        outcome="Pupils feel safe in the library",
        domain=Domain.objects.get(framework=framework, code="environment"),
        priority=Priority.HIGH,
        delivery_status=DeliveryStatus.IN_PROGRESS,
    )
    detailed.principles.set(
        Principle.objects.filter(framework=framework, code__in=["safety", "compassion"])
    )
    ProgressUpdate.objects.create(
        action=detailed,
        recorded_on=date(2025, 12, 1),
        status=DeliveryStatus.NOT_STARTED,
        note="Older note",
    )
    ProgressUpdate.objects.create(
        action=detailed,
        recorded_on=date(2026, 1, 5),
        status=DeliveryStatus.IN_PROGRESS,
        note="Books ordered",
    )
    overdue = ActionFactory(
        plan=plan, description="Audit the waiting room", target_date=overdue_target
    )
    injected = ActionFactory(plan=plan, target_date=date(2026, 9, 1), **INJECTIONS)
    return {"detailed": detailed, "overdue": overdue, "injected": injected}


def csv_rows(plan) -> list[list[str]]:
    data = plan_csv(plan=plan)
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the byte order mark for Welsh"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_sheet(plan):
    workbook = load_workbook(io.BytesIO(plan_xlsx(plan=plan)))
    return workbook, workbook.worksheets[0]


def xlsx_rows(plan) -> list[list[str]]:
    _workbook, sheet = xlsx_sheet(plan)
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def by_description(rows, description):
    matching = [row for row in rows[1:] if row[0] == description]
    assert len(matching) == 1, f"{description!r} not found once in {rows}"
    return dict(zip(rows[0], matching[0], strict=True))


@pytest.fixture(params=["csv", "xlsx"])
def read_back(request):
    return {"csv": csv_rows, "xlsx": xlsx_rows}[request.param]


def test_headings_start_with_the_five_template_columns_in_order(plan, actions, read_back):
    rows = read_back(plan)
    assert rows[0][:5] == TEMPLATE_HEADINGS
    assert rows[0] == ALL_HEADINGS


def test_every_action_is_in_the_download(plan, actions, read_back):
    rows = read_back(plan)
    assert len(rows) == 1 + len(actions)
    text = "\n".join("\t".join(row) for row in rows)
    for action in actions.values():
        if action is actions["injected"]:
            continue
        for value in (action.description, action.outcome, action.resources):
            assert value in text


def test_columns_are_filled_in_from_the_action(plan, actions, read_back):
    row = by_description(read_back(plan), WELSH)
    assert row == {
        "Action": WELSH,
        "Responsibility": "Siân Owen; Tîm llesiant",
        "Timescale for completion": "5 January 2026 to 31 March 2027",
        "Resources required": "Two days of training",
        "Outcome": "Pupils feel safe in the library",
        "Status": "In progress",
        "Domain area": "Environment",
        "Principles": "Safety and trust; Relational and compassionate",
        "Priority": "High",
        "Progress": "5 January 2026: Books ordered",
    }


def test_an_action_without_a_start_date_shows_the_target_date_alone(plan, actions, read_back):
    row = by_description(read_back(plan), "'" + INJECTIONS["description"])
    assert row["Timescale for completion"] == "1 September 2026"
    assert row["Progress"] == ""
    assert row["Principles"] == ""


def test_overdue_actions_say_so(plan, actions, read_back):
    rows = read_back(plan)
    assert by_description(rows, "Audit the waiting room")["Status"] == "Not started (overdue)"
    assert by_description(rows, WELSH)["Status"] == "In progress"


def test_formula_injection_is_neutralised(plan, actions, read_back):
    row = by_description(read_back(plan), "'" + INJECTIONS["description"])
    assert row["Resources required"] == "'" + INJECTIONS["resources"]
    assert row["Outcome"] == "'" + INJECTIONS["outcome"]
    assert row["Responsibility"] == "'" + INJECTIONS["responsible_other"]
    for row in read_back(plan):
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


@pytest.mark.parametrize("value", ["\tcmd", "\rcmd"])
def test_tab_and_carriage_return_are_neutralised(plan, value):
    ActionFactory(plan=plan, description="Tabbed", outcome=value)
    assert plan_export_rows(plan=plan)[1][4] == "'" + value


def test_the_workbook_has_no_formulas(plan, actions):
    _workbook, sheet = xlsx_sheet(plan)
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)


def test_the_workbook_is_laid_out_for_reading(plan, actions):
    workbook, sheet = xlsx_sheet(plan)
    assert sheet.title == "Action plan"
    assert workbook.properties.title == "Cynllun gweithredu 2026"
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert sheet["A2"].alignment.wrap_text
    assert sheet.column_dimensions["A"].width >= 30


def test_welsh_survives_both_formats(plan, actions):
    assert WELSH.encode() in plan_csv(plan=plan)
    assert by_description(xlsx_rows(plan), WELSH)["Responsibility"] == "Siân Owen; Tîm llesiant"


def _plan_with_actions(organisation, count):
    plan = PlanFactory(cycle__organisation=organisation)
    framework = plan.cycle.framework
    domain = Domain.objects.get(framework=framework, code="policy")
    principles = list(Principle.objects.filter(framework=framework)[:2])
    for n in range(count):
        member = MembershipFactory(organisation=organisation)
        action = ActionFactory(plan=plan, domain=domain, responsible_member=member)
        action.principles.set(principles)
        ProgressUpdate.objects.create(
            action=action, recorded_on=date(2026, 5, 1), status="in_progress", note=f"Note {n}"
        )
    return plan


def test_export_rows_use_a_fixed_number_of_queries(organisation, other_organisation):
    few = _plan_with_actions(organisation, 5)
    many = _plan_with_actions(other_organisation, 60)
    with CaptureQueriesContext(connection) as few_queries:
        few_rows = plan_export_rows(plan=few)
    with CaptureQueriesContext(connection) as many_queries:
        many_rows = plan_export_rows(plan=many)
    assert (len(few_rows), len(many_rows)) == (6, 61)
    assert len(few_queries) == len(many_queries) == 3


def test_export_rows_query_count_matches_for_both_formats(organisation, django_assert_num_queries):
    plan = _plan_with_actions(organisation, 5)
    with django_assert_num_queries(3):
        plan_csv(plan=plan)
    with django_assert_num_queries(3):
        plan_xlsx(plan=plan)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_downloading_the_plan_is_recorded(plan, actions, lead, file_format):
    client = Client()
    client.force_login(lead)
    url = reverse("plans:export", args=[plan.cycle.organisation.slug, plan.cycle.pk, file_format])
    assert client.get(url).status_code == 200
    entry = AuditEntry.objects.get(action="plan.exported")
    assert (entry.actor_id, entry.organisation_id, entry.details) == (
        lead.pk,
        plan.cycle.organisation_id,
        {"plan": plan.title, "format": file_format, "revision": plan.revision},
    )
