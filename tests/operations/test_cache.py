"""The cache is shared by every process: in the database, in a table `migrate` makes."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings

from tests.operations.test_settings import settings_with

DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "trauma_wales_cache",
    }
}


def test_every_deployment_caches_in_the_database_unless_told_otherwise():
    local = settings_with({"DJANGO_SETTINGS_MODULE": "trauma_wales.settings.local"}, ["CACHES"])
    assert local["CACHES"] == DATABASE_CACHE


@pytest.mark.django_db
def test_migrate_makes_the_cache_table_and_it_works():
    assert "trauma_wales_cache" in connection.introspection.table_names()
    with override_settings(CACHES=DATABASE_CACHE):
        cache = caches["default"]
        cache.set("greeting", "shwmae", 60)
        assert cache.get("greeting") == "shwmae"
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM trauma_wales_cache")
            assert cursor.fetchone()[0] == 1
