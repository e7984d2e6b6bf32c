"""A person downloads what the service holds about them: their account, memberships, open
invitations to their address and the history entries they made, and nobody else's."""

import json

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.organisations.factories import InvitationFactory, MembershipFactory, OrganisationFactory
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db
URL = reverse("personal_data")


def test_the_file_holds_their_account_memberships_invitations_and_history(
    organisation, lead, contributor
):
    InvitationFactory(organisation=OrganisationFactory(name="Gwent Recovery"), email=lead.email)
    client = client_for(lead)
    client.post(reverse("set_language"), {"language": "cy", "next": "/"})  # a change

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="your-data.json"'
    data = json.loads(b"".join(response.streaming_content))
    assert data["account"]["email"] == lead.email
    assert data["account"]["full_name"] == lead.full_name
    assert [(m["organisation"], m["role"]) for m in data["memberships"]] == [
        (organisation.name, Role.LEAD)
    ]
    assert [i["organisation"] for i in data["open_invitations"]] == ["Gwent Recovery"]
    assert "user.language_changed" in [e["what"] for e in data["history"]]
    assert contributor.email not in json.dumps(data)
    assert AuditEntry.objects.filter(action="user.data_downloaded", actor=lead).count() == 1


def test_signed_out_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_account_page_links_to_it(organisation):
    member = MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR).user
    page = client_for(member).get(reverse("accounts:password_change")).content.decode()
    assert f'href="{URL}"' in page and f'href="{reverse("privacy")}"' in page
