"""The privacy notice: reachable from every page's footer, in English and Welsh, naming who
runs the deployment and how to reach them."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "operator"),
    [
        ("en", "Privacy notice", "the team that runs this service"),
        ("cy", "Hysbysiad preifatrwydd", "y tîm sy&#x27;n rhedeg y gwasanaeth hwn"),
    ],
)
def test_the_notice_is_linked_from_the_footer_in_both_languages(language, heading, operator):
    client = Client()
    client.cookies["django_language"] = language
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("privacy")}"' in home

    page = client.get(reverse("privacy")).content.decode()

    assert heading in page and operator in page
    assert 'href="mailto:privacy@example.org"' in page
    if language == "en":
        assert "Records of emails we sent: 30 days." in page
        assert "Records of failed attempts to sign in: a day at most." in page


def test_the_deployment_names_who_runs_it(settings, client):
    settings.PRIVACY_OPERATOR = "Cyngor Sir Enghraifft"
    settings.PRIVACY_CONTACT_EMAIL = "dpo@enghraifft.example"

    page = client.get(reverse("privacy")).content.decode()

    assert "Cyngor Sir Enghraifft" in page and "mailto:dpo@enghraifft.example" in page
