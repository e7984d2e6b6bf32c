"""The worker's jobs for the board report (run by `manage.py db_worker`; at once in tests).

Each takes ids, not objects, so it can wait in the queue, and reads everything afresh when
it runs. The work is in `reports.services`.
"""

from django_tasks import task

from assessments.models import AssessmentCycle


@task()
def report_render(stored_report_id: int) -> int | None:
    """Make one stored report's PDF. Its page count, or None when there was nothing to make
    (already made, taken by another worker, or superseded)."""
    from reports.services import stored_report_render

    stored = stored_report_render(stored_report_id=stored_report_id)
    return stored.page_count if stored is not None else None


# Making reports ahead of time waits behind emails and behind a render someone asked for.
PREPARE_PRIORITY = -20


@task(priority=PREPARE_PRIORITY)
def reports_prepare_task(cycle_id: int) -> int:
    """Queue every downloadable PDF of a cycle that its current data has none of yet. How
    many variants it looked at."""
    from reports.services import reports_prepare

    cycle = AssessmentCycle.objects.filter(pk=cycle_id).first()
    return 0 if cycle is None else len(reports_prepare(cycle=cycle))
