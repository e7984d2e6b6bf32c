"""The matrices' fixtures. Test modules import them by name (`world_fixture` is the
`world` fixture), so no shared conftest needs to change."""

import pytest
from django.db import transaction

from tests.matrix.world import build_world


@pytest.fixture(scope="module", name="world")
def world_fixture(django_db_setup, django_db_blocker):
    """The shared organisation for this module; rolled back when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        world.sign_in_everyone()
        yield world
        transaction.set_rollback(True)
