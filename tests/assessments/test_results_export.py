"""The scores as CSV: the results page's figures with every count, what does not apply
with its reason, formulae neutralised, each download recorded."""

import csv
import io

import pytest
from django.urls import reverse

from tests.assessments.factories import (
    answer_indicator,
    answer_readiness,
    org_response,
    submitted_cycle,
)
from tests.conftest import client_for
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(organisation):
    cycle = submitted_cycle(organisation, year=2025, score=2)
    response = org_response(cycle)
    answer_indicator(response, "policy-01", score=4)
    answer_indicator(response, "policy-02", not_applicable=True, evidence="=HYPERLINK(x)")
    answer_indicator(response, "policy-03", dont_know=True)
    answer_readiness(response, "voice-02", "not_applicable", note="No groups near us")
    return cycle


def download(cycle, user) -> list[list[str]]:
    url = reverse("assessments:results_csv", args=[cycle.organisation.slug, cycle.pk])
    response = client_for(user).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_the_csv_has_each_score_with_its_counts(cycle, lead):
    rows = download(cycle, lead)
    by_name = {row[1]: row for row in rows[1:]}

    assert rows[0][:9] == [
        "Kind", "Name", "Score (%)", "Average rating (0 to 4)", "Rated",
        "Indicators that apply", "Don't know", "Not applicable", "Not answered",
    ]  # fmt: skip
    # policies: 4 + 2 x 5 = 14 points over 6 rated x 4 = 24: 58%; 7 apply, 1 don't know
    assert by_name["Policies and procedures"][2:9] == ["58", "2.3", "6", "7", "1", "1", "0"]
    assert by_name["Overall"][2:9] == ["51", "2.0", "46", "47", "1", "1", "0"]
    assert len([r for r in rows if r[0] == "Domain area"]) == 6
    assert len([r for r in rows if r[0] == "Practice principle"]) == 5


def test_what_does_not_apply_is_listed_with_its_reason_neutralised(cycle, lead):
    listed = [row for row in download(cycle, lead) if row[0] == "Not applicable"]

    assert len(listed) == 2
    assert listed[0][1].startswith("A do-no-harm check")
    assert listed[0][-1] == "'=HYPERLINK(x)"
    assert listed[1][1].startswith("There are links, or a willingness to build them")
    assert listed[1][-1] == "No groups near us"


@pytest.mark.parametrize("role", [Role.LEAD, Role.REVIEWER, Role.BOARD])
def test_each_download_is_recorded(cycle, member_for_role, role):
    download(cycle, member_for_role(role))

    entry = AuditEntry.objects.get(action="results.exported")
    assert entry.details == {"cycle": cycle.name, "format": "csv"}
