"""Fixtures shared by the whole suite: an organisation with one member per role, a member
of another organisation, and a signed-in client for each.
"""

import os
import sqlite3

import factory.random
import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from framework.content import held_content_forget
from framework.models import FrameworkVersion
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from tests.reference_data import reference_data_load
from trauma_wales.kept import kept_clear
from trauma_wales.permissions import Role

ROLES = [role.value for role in Role]


def pytest_addoption(parser):
    parser.addoption(
        "--database-dependent-only",
        action="store_true",
        help="this run repeats one on the other database: skip the tests (and the hostile "
        "values) whose outcome does not depend on the database (docs/adr/0008)",
    )


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-dependent-only"):
        return
    kept, skipped = [], []
    for item in items:
        (skipped if item.get_closest_marker("database_independent") else kept).append(item)
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = kept


def _sqlite_template() -> str:
    """The migrated SQLite file scripts/test made for the test processes to copy, if any
    (trauma_wales/settings/test.py names each process's copy)."""
    template = os.environ.get("SQLITE_TEST_TEMPLATE", "")
    engine = settings.DATABASES["default"]["ENGINE"]
    return template if engine == "django.db.backends.sqlite3" else ""


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Each test process's SQLite database starts as a copy of the migrated template."""
    template = _sqlite_template()
    if template:
        name = settings.DATABASES["default"]["TEST"]["NAME"]
        with sqlite3.connect(template) as source, sqlite3.connect(name) as copy:
            source.backup(copy)


@pytest.fixture(scope="session")
def django_db_keepdb(request) -> bool:
    """Keep (and so use) the copy of the template; otherwise as --reuse-db says."""
    return bool(_sqlite_template()) or request.config.getvalue("reuse_db")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _same_made_up_data_every_run(request):
    """Factories' made-up names and values depend on the test, not on the run: a test that
    passes once passes every time (a random name once made a test password "too similar")."""
    factory.random.reseed_random(request.node.nodeid)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches (the shared one, the kept pages' and the framework
    content held by the process)."""
    for each in caches.all():
        each.clear()
    kept_clear()
    held_content_forget()


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request in Welsh leaves Welsh active in the thread; start every test in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def framework_content(db):
    """The framework content (and the areas), stored by the data migrations; after a
    transactional test (which empties every table) they are stored again here."""
    reference_data_load()
    return FrameworkVersion.objects.current()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Cwm Afon Housing", slug="cwm-afon-housing")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Bro Teifi Youth Service", slug="bro-teifi")


def _member(organisation, role):
    return MembershipFactory(organisation=organisation, role=role).user


@pytest.fixture
def lead(organisation):
    return _member(organisation, Role.LEAD)


@pytest.fixture
def contributor(organisation):
    return _member(organisation, Role.CONTRIBUTOR)


@pytest.fixture
def reviewer(organisation):
    return _member(organisation, Role.REVIEWER)


@pytest.fixture
def board(organisation):
    return _member(organisation, Role.BOARD)


@pytest.fixture
def outsider(other_organisation):
    """A lead of another organisation: must never see `organisation`."""
    return _member(other_organisation, Role.LEAD)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def lead_client(lead):
    return client_for(lead)


@pytest.fixture
def member_for_role(organisation):
    """Make a member of `organisation` with the given role: member_for_role("board")."""
    return lambda role: _member(organisation, role)
