"""Framework reference pages: signed-in people of any role (or none) can read them."""

import pytest
from django.urls import reverse

from framework.models import Domain, FrameworkVersion
from tests.accounts.factories import UserFactory
from tests.conftest import ROLES, client_for

pytestmark = pytest.mark.django_db

PAGES = [
    ("framework:index", {}, "The six domain areas"),
    ("framework:domain", {"code": "workforce"}, "Workforce development and wellbeing"),
    ("framework:principle", {"code": "collaboration"}, "Collaboration, choice and co-production"),
    ("framework:practice_level", {"code": "specialist"}, "Specialist interventions"),
]


@pytest.mark.parametrize(("url_name", "kwargs", "text"), PAGES)
@pytest.mark.parametrize("role", [*ROLES, "no organisation"])
def test_any_signed_in_person_can_read_the_framework(member_for_role, role, url_name, kwargs, text):
    user = UserFactory() if role == "no organisation" else member_for_role(role)
    response = client_for(user).get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 200
    assert text in response.content.decode()


@pytest.mark.parametrize(("url_name", "kwargs", "text"), PAGES)
def test_signed_out_people_are_sent_to_sign_in(client, url_name, kwargs, text):
    response = client.get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "url_name", ["framework:domain", "framework:principle", "framework:practice_level"]
)
def test_unknown_code_is_not_found(url_name):
    response = client_for(UserFactory()).get(reverse(url_name, kwargs={"code": "nope"}))
    assert response.status_code == 404


def test_index_lists_every_item_from_the_content(django_assert_max_num_queries):
    client = client_for(UserFactory())
    with django_assert_max_num_queries(10):
        html = client.get(reverse("framework:index")).content.decode()
    for name in ["Leadership and governance", "Safety and trust", "Trauma-aware",
                 "Long term", "A globally responsible Wales"]:  # fmt: skip
        assert name in html


def test_domain_page_links_to_its_neighbours():
    html = client_for(UserFactory()).get(reverse("framework:domain", args=["workforce"]))
    html = html.content.decode()
    assert "Domain area 3 of 6" in html
    assert reverse("framework:domain", args=["policy"]) in html
    assert reverse("framework:domain", args=["environment"]) in html


def test_welsh_page_shows_welsh_content_and_marks_english_fallbacks():
    client = client_for(UserFactory())
    client.cookies["django_language"] = "cy"
    html = client.get(reverse("framework:index")).content.decode()
    assert '<html lang="cy"' in html
    assert "Hirdymor" in html  # Welsh text from the content file
    assert "Arweinyddiaeth a llywodraethu" in html
    assert "Leadership and governance" not in html
    # A text whose Welsh is missing (an older or draft version) shows in English, marked
    Domain.objects.filter(code="leadership").update(name_cy="")
    FrameworkVersion.objects.update(content_hash="reloaded")  # as loading the file does
    html = client.get(reverse("framework:index")).content.decode()
    assert '<span lang="en">Leadership and governance</span>' in html


def test_choosing_cymraeg_translates_the_page_frame():
    client = client_for(UserFactory())
    response = client.post(reverse("set_language"), {"language": "cy", "next": "/framework/"})
    assert response.status_code == 302
    html = client.get(reverse("framework:index")).content.decode()
    assert "Neidio i&#x27;r prif gynnwys" in html or "Neidio i'r prif gynnwys" in html
    assert "Allgofnodi" in html
    assert "Datganiad hygyrchedd" in html
