"""A lead downloads everything the organisation holds, as JSON: every table that belongs
to it, the framework rows and people those point at, no secrets, and nothing of another
organisation's. (Who may download it: the generated tenancy matrix, from the URLconf.)"""

import json

import pytest
from django.urls import reverse

from demo.seed import DEMO_PEOPLE, demo_seed
from organisations.models import Invitation, Membership
from organisations.services import invitation_create
from reports.organisation_data import FORMAT, organisation_data, organisation_paths
from tests.action_plans.factories import ActionFactory
from tests.conftest import client_for
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db

# Tables the demo organisation has rows in, each of which must come out whole.
EXPECTED = [
    "organisations.organisation",
    "organisations.membership",
    "assessments.assessmentcycle",
    "action_plans.actionplan",
    "action_plans.action",
    "action_plans.progressupdate",
    "assessments.indicatoranswer",
    "workforce.staffgroup",
    "voices.feedbackround",
    "voices.feedbackresponse",
    "voices.feedbackanswer",
    "voices.feedbackcomment",
    "trauma_wales.auditentry",
]


@pytest.fixture
def demo(framework_content):
    return demo_seed()


def _download(user, organisation) -> dict:
    url = reverse("organisation_data:download", args=[organisation.slug])
    response = client_for(user).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{organisation.slug}-data.json"'
    )
    return json.loads(b"".join(response.streaming_content))


def test_the_lead_gets_every_table_with_every_row(demo):
    organisation = demo["organisation"]
    lead = Membership.objects.get(organisation=organisation, role=Role.LEAD).user
    stranger = MembershipFactory(organisation=OrganisationFactory(), role=Role.LEAD)
    ActionFactory(
        plan__cycle__organisation=stranger.organisation, description="Another organisation's"
    )

    data = _download(lead, organisation)

    assert (data["format"], data["organisation"]["name"]) == (FORMAT, organisation.name)
    for label in EXPECTED:
        model = next(m for m in organisation_paths() if m._meta.label_lower == label)
        path = organisation_paths()[model]
        rows = model._default_manager.filter(**{path: organisation.pk})
        if model is AuditEntry:  # the download's own entry is written after the file
            rows = rows.exclude(action="organisation.data_downloaded")
        ids = set(rows.values_list("pk", flat=True))
        assert ids and {row["id"] for row in data["tables"][label]} == ids, label
    text = json.dumps(data, ensure_ascii=False)
    assert "Another organisation's" not in text
    assert stranger.user.email not in text
    people = {p["name"]: p["email"] for p in data["references"]["accounts.user"]}
    assert people[lead.full_name] == lead.email
    assert "password" not in text
    assert {"code"} <= set(data["references"]["assessments.indicator"][0])
    assert (
        AuditEntry.objects.filter(
            action="organisation.data_downloaded", organisation=organisation, actor=lead
        ).count()
        == 1
    )


def test_secrets_stay_out_and_former_members_keep_only_their_name(demo):
    organisation = demo["organisation"]
    lead = Membership.objects.get(organisation=organisation, role=Role.LEAD).user
    invitation_create(
        organisation=organisation, email="nia@example.org", role="contributor",
        invited_by=lead, base_url="http://testserver/",
    )  # fmt: skip
    leaver = Membership.objects.get(organisation=organisation, user__email=DEMO_PEOPLE[1].email)
    leaver.delete()  # they wrote answers, and are no longer a member

    data = _download(lead, organisation)

    invitation = data["tables"]["organisations.invitation"][0]
    assert invitation["email"] == "nia@example.org" and "token_hash" not in invitation
    token_hash = Invitation.objects.get(email="nia@example.org").token_hash
    assert token_hash not in json.dumps(data)
    assert all("body" not in email for email in data["tables"]["trauma_wales.outgoingemail"])
    rounds = data["tables"]["voices.feedbackround"]
    assert rounds and all("token" not in feedback_round for feedback_round in rounds)
    people = {p["id"]: p for p in data["references"]["accounts.user"]}
    assert people[leaver.user_id]["email"] is None
    assert people[leaver.user_id]["name"] == leaver.user.full_name


def test_an_organisation_with_nothing_yet_still_downloads(organisation, lead):
    data = organisation_data(organisation=organisation)
    assert [row["id"] for row in data["tables"]["organisations.organisation"]] == [organisation.pk]
    assert data["tables"]["assessments.assessmentcycle"] == []


def test_the_overview_offers_it_to_leads_only(organisation, lead, reviewer):
    url = reverse("organisation_data:download", args=[organisation.slug])
    overview = reverse("organisations:overview", args=[organisation.slug])
    assert url in client_for(lead).get(overview).content.decode()
    assert url not in client_for(reviewer).get(overview).content.decode()
    assert client_for(reviewer).get(url).status_code == 403
