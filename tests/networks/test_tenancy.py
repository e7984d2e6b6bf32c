"""Every coordinator's page (under /n/<network-slug>/), generated from the URLconf: its
coordinator gets in; a lead of a member organisation, a member of another organisation
and a coordinator of another network get 404 (they cannot even learn that the network
exists); someone signed out is sent to sign in. A POST is refused the same way."""

import pytest
from django.urls import reverse

from tests.matrix.fixtures import world_fixture  # noqa: F401
from tests.matrix.routes import network_routes, route_urls
from tests.matrix.world import COORDINATOR, OUTSIDER, SIGNED_OUT
from tests.networks.factories import NetworkFactory, coordinator_of
from trauma_wales.permissions import Role

pytestmark = [pytest.mark.django_db, pytest.mark.database_independent]

ANOTHER_COORDINATOR = "coordinator-of-another-network"


def _id(route) -> str:
    return route.name


def _client(world, who):
    if who == ANOTHER_COORDINATOR:
        from django.test import Client

        client = Client()
        client.force_login(coordinator_of(NetworkFactory(), full_name="Other Coordinator"))
        return client
    return world.client(who)


def test_the_matrix_finds_the_coordinators_pages():
    assert {route.name for route in network_routes()} >= {
        "coordinator:network", "coordinator:csv", "coordinator:invite",
    }  # fmt: skip


@pytest.mark.parametrize("who", [COORDINATOR, Role.LEAD, OUTSIDER, ANOTHER_COORDINATOR, SIGNED_OUT])
@pytest.mark.parametrize("route", network_routes(), ids=_id)
def test_network_page(world, route, who):
    client = _client(world, who)
    for variant, url in route_urls(route, world):
        where = f"GET {url} ({variant or 'the URL'}) as {who}"
        response = client.get(url)
        if who == SIGNED_OUT:
            assert response.status_code == 302, where
            assert response["Location"].startswith(reverse("accounts:login")), where
        elif who == COORDINATOR:
            assert response.status_code == (200 if route.allows_get else 405), where
        else:
            assert response.status_code == 404, where


@pytest.mark.parametrize("who", [Role.LEAD, OUTSIDER, ANOTHER_COORDINATOR, SIGNED_OUT])
@pytest.mark.parametrize("route", [r for r in network_routes() if r.allows_post], ids=_id)
def test_network_form_refuses_whoever_its_page_refuses(world, route, who):
    client = _client(world, who)
    for _variant, url in route_urls(route, world):
        response = client.post(url, {"email": world.user(Role.LEAD).email})
        assert response.status_code == (302 if who == SIGNED_OUT else 404), url
