"""The history of changes page (/o/<slug>/history/): leads see their organisation's
entries, newest first, 50 a page, in plain words in English or Welsh; filter them by
person, kind and dates without JavaScript; and download what they see as CSV.

Who may open it (leads only; another organisation's member gets 404) is checked for every
page by tests/organisations/test_tenancy.py.
"""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.conftest import client_for
from tests.organisations.factories import MembershipFactory
from trauma_wales.audit import audit_record
from trauma_wales.audit_text import Names, describe, described_actions
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db

# Entries as the services write them (tests/test_audit_coverage.py holds the services to
# these shapes), one of each kind that names things by code, so any ten of them ask for
# every kind of name.
SAMPLES = [
    (
        "action.updated",
        {
            "action": "Train every manager",
            "changed": {
                "target_date": ["2026-01-05", "2026-02-12"],
                "domain": ["workforce", "leadership"],
                "principles": [[], ["safety"]],
                "practice_levels": [["aware"], ["aware", "skilled"]],
                "ways_of_working": [[], ["long_term"]],
                "indicators": [[], ["policy-01"]],
            },
        },
    ),
    (
        "answers.saved",
        {
            "cycle": "2026 assessment",
            "section": "leadership",
            "contributor": False,
            "changed": {"leadership-03": {"score": [1, 3], "evidence": ["", "Minutes"]}},
        },
    ),
    (
        "answers.saved",
        {
            "cycle": "2026 assessment",
            "section": "readiness",
            "contributor": True,
            "changed": {"sponsorship-01": {"value": ["not_yet", "yes"]}},
        },
    ),
    ("cycle.targets_set", {"cycle": "2026 assessment", "changed": {"policy": [None, 2]}}),
    ("gap.dismissed", {"indicator": "policy-01", "reason": "The council does this"}),
    (
        "workforce.training_recorded",
        {
            "group": "Housing officers",
            "counted_on": "2026-03-01",
            "changed": {"aware": [4, 9], "counted_on": ["2026-01-01", "2026-03-01"]},
        },
    ),
    (
        "membership.role_changed",
        {"member": "Siân Jones", "changed": {"role": ["contributor", "lead"]}},
    ),
    ("organisation.updated", {"changed": {"sector": ["health", "housing"]}}),
    ("plan.exported", {"plan": "Our plan", "format": "xlsx", "revision": 1}),
    ("report.downloaded", {"cycle": "2025 baseline", "version": "summary", "language": "cy"}),
]


def make_entries(organisation, actor, number: int) -> None:
    for index in range(number):
        action, details = SAMPLES[index % len(SAMPLES)]
        audit_record(action=action, actor=actor, organisation=organisation, details=details)


def history_url(organisation, query: str = "") -> str:
    url = reverse("organisations:history", args=[organisation.slug])
    return f"{url}?{query}" if query else url


def rows_of(response) -> list:
    return response.context["rows"]


def test_the_lead_sees_changes_newest_first_in_plain_words(organisation, lead):
    make_entries(organisation, lead, 3)
    response = client_for(lead).get(history_url(organisation))
    assert response.status_code == 200
    rows = rows_of(response)
    assert [row.code for row in rows] == ["answers.saved", "answers.saved", "action.updated"]
    action = rows[2]
    assert action.who == lead.full_name
    assert str(action.summary) == "Changed the action “Train every manager”"
    assert "Changed the target date from 5 January 2026 to 12 February 2026" in action.details
    page = response.content.decode()
    assert "Changed the target date from 5 January 2026 to 12 February 2026" in page
    assert "Leadership and governance" in page  # names from the framework, not codes
    assert "Question 3: changed the rating from 1 Beginning to 3 Established" in page
    assert "leadership-03" not in page
    # readiness themes are pages of their own: a question is named by its theme
    assert "Leadership sponsorship, question 1: changed the answer from Not yet to Yes" in page


def test_the_page_is_in_welsh_for_a_welsh_reader(organisation, lead):
    make_entries(organisation, lead, 2)
    client = client_for(lead)
    client.cookies["django_language"] = "cy"
    page = client.get(history_url(organisation)).content.decode()
    assert "Hanes y newidiadau" in page
    assert "Newidiwyd y dyddiad targed o 5 Ionawr 2026 i 12 Chwefror 2026" in page
    assert "Arweinyddiaeth a llywodraethu" in page


def test_another_organisations_entries_are_not_shown(organisation, other_organisation, lead):
    make_entries(organisation, lead, 1)
    make_entries(other_organisation, lead, 5)
    assert len(rows_of(client_for(lead).get(history_url(organisation)))) == 1


def test_entries_survive_the_person_leaving_and_say_who_it_was(organisation, lead):
    gone = MembershipFactory(organisation=organisation, role=Role.LEAD, user__full_name="Ann Bell")
    make_entries(organisation, gone.user, 1)
    gone.user.delete()
    rows = rows_of(client_for(lead).get(history_url(organisation)))
    assert [row.who for row in rows] == ["Ann Bell"]


def test_fifty_a_page_and_the_filters_stay_on_every_page_link(organisation, lead):
    make_entries(organisation, lead, 120)
    client = client_for(lead)
    first = client.get(history_url(organisation, f"person={lead.pk}"))
    assert len(rows_of(first)) == 50
    assert f"?person={lead.pk}&amp;page=2" in first.content.decode()
    third = client.get(history_url(organisation, f"person={lead.pk}&page=3"))
    assert len(rows_of(third)) == 20
    assert client.get(history_url(organisation, "page=99")).status_code == 200


def test_filter_by_person_kind_and_dates(organisation, lead, time_machine):
    other = MembershipFactory(organisation=organisation, role=Role.LEAD).user
    time_machine.move_to(datetime(2026, 1, 10, 12, tzinfo=timezone.get_current_timezone()))
    make_entries(organisation, lead, 2)  # an action change and answers, on 10 January
    time_machine.shift(timedelta(days=30))
    make_entries(organisation, other, 1)  # an action change, on 9 February
    client = client_for(lead)

    def codes(query: str) -> list[tuple[str, str]]:
        return [
            (row.code, row.who) for row in rows_of(client.get(history_url(organisation, query)))
        ]

    assert codes(f"person={other.pk}") == [("action.updated", other.full_name)]
    assert codes("kind=answers") == [("answers.saved", lead.full_name)]
    january = "date_from_0=1&date_from_1=1&date_from_2=2026&date_to_0=31&date_to_1=1&date_to_2=2026"
    assert [code for code, _who in codes(january)] == ["answers.saved", "action.updated"]
    assert codes("date_from_0=9&date_from_1=2&date_from_2=2026") == [
        ("action.updated", other.full_name)
    ]


def test_people_who_left_stay_in_the_person_filter(organisation, lead):
    gone = MembershipFactory(organisation=organisation, role=Role.LEAD, user__full_name="Ann Bell")
    make_entries(organisation, gone.user, 1)
    gone.delete()
    form = client_for(lead).get(history_url(organisation)).context["form"]
    assert (gone.user.pk, "Ann Bell") in form.fields["person"].choices


@pytest.mark.parametrize(
    "query",
    [
        "person=99999",
        "person=abc",
        "kind=nonsense",
        "date_from_0=31&date_from_1=2&date_from_2=2026",
        "date_from_0=5&date_from_1=5&date_from_2=2026&date_to_0=1&date_to_1=5&date_to_2=2026",
    ],
)
def test_a_bad_filter_is_shown_as_an_error_and_left_out(organisation, lead, query):
    make_entries(organisation, lead, 3)
    response = client_for(lead).get(history_url(organisation, query))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "<title>Error:" in page
    assert len(rows_of(response)) == 3


def test_the_csv_has_the_filtered_entries_neutralised_and_is_recorded(organisation, lead):
    make_entries(organisation, lead, 12)
    audit_record(
        action="action.deleted",
        actor=lead,
        organisation=organisation,
        details={"action": '=HYPERLINK("http://evil.example")', "target_date": "2026-01-05"},
    )
    url = reverse("organisations:history_export", args=[organisation.slug])
    response = client_for(lead).get(f"{url}?kind=plan")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0][:4] == ["Date and time", "Person", "Kind of change", "What happened"]
    assert [row[5] for row in rows[1:]] == [
        "action.deleted",
        "action.updated",
        "gap.dismissed",
        "action.updated",
    ]
    assert rows[1][3] == 'Removed the action “=HYPERLINK("http://evil.example")”'
    assert "Changed the target date from 5 January 2026 to 12 February 2026" in rows[2][4]
    recorded = AuditEntry.objects.filter(action="history.exported").get()
    assert (recorded.actor_id, recorded.details) == (lead.pk, {"filters": {"kind": "plan"}})


def test_a_cell_that_starts_like_a_formula_is_neutralised(organisation, lead):
    formula = UserFactory(full_name="=cmd|' /C calc'!A0")
    MembershipFactory(organisation=organisation, user=formula, role=Role.LEAD)
    make_entries(organisation, formula, 1)
    url = reverse("organisations:history_export", args=[organisation.slug])
    rows = list(csv.reader(io.StringIO(client_for(lead).get(url).getvalue().decode("utf-8-sig"))))
    assert rows[1][1] == "'=cmd|' /C calc'!A0"


def test_the_overview_links_to_the_history_for_leads_only(organisation, lead, reviewer):
    url = reverse("organisations:overview", args=[organisation.slug])
    history = history_url(organisation)
    assert history in client_for(lead).get(url).content.decode()
    assert history not in client_for(reviewer).get(url).content.decode()


def test_every_code_the_services_record_for_an_organisation_reads_in_plain_words():
    from tests.test_audit_coverage import CASES

    codes = {case.action for case in CASES.values() if case.organisation} | {
        "plan.approved",
        "plan.changes_requested",
        "plan.draft",
        "action.created",
        "workforce.group_created",
        "history.exported",
    }
    assert codes - described_actions() == set()


def test_an_unknown_or_old_shaped_entry_still_reads(organisation, lead):
    names = Names()
    assert str(describe("something.new", {}, names).summary) == "Made a change (something.new)"
    assert str(describe("action.updated", {"old": "shape"}, names).summary).startswith("Made a")


def count_queries(django_assert_max_num_queries, client, url) -> int:
    with django_assert_max_num_queries(20) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_page_and_the_csv_cost_the_same_queries_at_10_and_200_entries(
    organisation, lead, framework_content, django_assert_max_num_queries
):
    client = client_for(lead)
    page, download = (
        history_url(organisation),
        reverse("organisations:history_export", args=[organisation.slug]),
    )
    make_entries(organisation, lead, 10)
    small = [count_queries(django_assert_max_num_queries, client, url) for url in (page, download)]
    make_entries(organisation, lead, 190)
    large = [count_queries(django_assert_max_num_queries, client, url) for url in (page, download)]
    assert large == small
    assert len(rows_of(client.get(page))) == 50
