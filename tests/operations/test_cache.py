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
    },
    "kept": {  # trauma_wales.kept: a table of its own, culled on its own
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "trauma_wales_kept_cache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}


def test_every_deployment_caches_in_the_database_unless_told_otherwise():
    local = settings_with({"DJANGO_SETTINGS_MODULE": "trauma_wales.settings.local"}, ["CACHES"])
    assert local["CACHES"] == DATABASE_CACHE


@pytest.mark.django_db
def test_migrate_makes_the_cache_table_and_it_works():
    tables = connection.introspection.table_names()
    assert {"trauma_wales_cache", "trauma_wales_kept_cache"} <= set(tables)
    with override_settings(CACHES=DATABASE_CACHE):
        for alias, table in (
            ("default", "trauma_wales_cache"),
            ("kept", "trauma_wales_kept_cache"),
        ):
            cache = caches[alias]
            cache.set("greeting", "shwmae", 60)
            assert cache.get("greeting") == "shwmae"
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (our table)
                assert cursor.fetchone()[0] == 1
