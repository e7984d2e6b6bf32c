"""The load balancer's probes: liveness touches nothing, readiness checks the database,
cache, storage and that the task queue is being worked."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from tests.operations.test_settings import PRODUCTION, settings_with

pytestmark = pytest.mark.django_db


def waiting_task(enqueued_minutes_ago: int, run_after=None) -> None:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}}, backend_name="default",
        task_path="trauma_wales.emails.email_deliver",
        run_after=run_after or get_date_max(),
    )  # fmt: skip
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=enqueued_minutes_ago)
    )


def ready(client):
    return client.get(reverse("health_ready"), {"format": "json"})


def test_liveness_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("health_live"))
    assert (response.status_code, response.content) == (200, b"OK\n")
    assert "no-cache" in response["Cache-Control"]


def test_readiness_checks_database_cache_storage_and_the_task_queue(client):
    response = ready(client)
    assert response.status_code == 200
    assert set(response.json().values()) == {"OK"}
    assert [name.split("(")[0] for name in response.json()] == [
        "Database", "Cache", "Storage", "TaskBacklog"
    ]  # fmt: skip


def test_a_queue_nobody_works_makes_the_process_not_ready(client, settings):
    settings.TASK_BACKLOG_MINUTES = 10
    waiting_task(enqueued_minutes_ago=3)
    assert ready(client).status_code == 200

    waiting_task(enqueued_minutes_ago=25)
    response = ready(client)
    assert response.status_code == 500
    assert "waited 25 minutes for a worker" in response.json()["TaskBacklog()"]


def test_a_retry_waits_from_its_run_after_not_from_when_it_was_queued(client, settings):
    settings.TASK_BACKLOG_MINUTES = 10
    waiting_task(enqueued_minutes_ago=120, run_after=timezone.now() + timedelta(minutes=30))
    assert ready(client).status_code == 200
    waiting_task(enqueued_minutes_ago=120, run_after=timezone.now() - timedelta(minutes=15))
    assert ready(client).status_code == 500


def test_finished_tasks_do_not_count(client):
    waiting_task(enqueued_minutes_ago=600)
    DBTaskResult.objects.update(status="SUCCESSFUL", finished_at=timezone.now())
    assert ready(client).status_code == 200


def test_production_lets_the_probes_use_plain_http():
    found = settings_with(PRODUCTION, names=["SECURE_REDIRECT_EXEMPT", "SECURE_SSL_REDIRECT"])
    assert found == {"SECURE_REDIRECT_EXEMPT": ["^health/"], "SECURE_SSL_REDIRECT": True}
