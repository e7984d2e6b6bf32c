"""Health endpoints for the load balancer and the orchestrator, not pages for people.

`/health/live/` answers as long as the process can serve a request, touching nothing
else, so a database outage does not get every app process restarted. `/health/ready/`
(django-health-check) says whether this process can do its work: the database, the
cache, file storage, and a task queue that is being worked (`TaskBacklog`): emails
waiting much longer than the worker's poll mean no worker is running.
"""

import dataclasses
import datetime

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks_db.models import DBTaskResult, get_date_max
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

READINESS_CHECKS = (
    "health_check.checks.Database",
    "health_check.checks.Cache",
    "health_check.checks.Storage",
    "trauma_wales.health.TaskBacklog",
)


def oldest_waiting_task_since() -> datetime.datetime | None:
    """When the task that has waited longest for a worker became ready to run."""
    ready = DBTaskResult.objects.ready()
    undeferred = ready.filter(run_after=get_date_max()).aggregate(since=Min("enqueued_at"))
    deferred = ready.exclude(run_after=get_date_max()).aggregate(since=Min("run_after"))
    times = [found for found in (undeferred["since"], deferred["since"]) if found]
    return min(times, default=None)


@dataclasses.dataclass
class TaskBacklog(HealthCheck):
    """Unavailable when a task has waited more than TASK_BACKLOG_MINUTES for a worker."""

    async def run(self) -> None:
        since = await sync_to_async(oldest_waiting_task_since)()
        if since is None:
            return
        waited = timezone.now() - since
        limit = datetime.timedelta(minutes=settings.TASK_BACKLOG_MINUTES)
        if waited > limit:
            minutes = int(waited.total_seconds() // 60)
            raise ServiceUnavailable(
                f"a task has waited {minutes} minutes for a worker: is db_worker running?"
            )


@never_cache
def live(request: HttpRequest) -> HttpResponse:
    return HttpResponse("OK\n", content_type="text/plain; charset=utf-8")


ready = HealthCheckView.as_view(checks=READINESS_CHECKS)
