"""Store the findings of cycles submitted before they were stored at submission, with the
rules of assessments.selectors.scoring written out for the models as they are here: a
domain's score is its points as a percentage of the most it could have over the rated
indicators, given only when at least half of those that apply are rated (halves round
up); an indicator needs focus when it is a priority or rated 0 or 1."""

import math

from django.db import migrations
from django.db.models import Count, Q, Sum

RATING_MAX = 4
FOCUS_MAX_SCORE = 1


def store(apps, schema_editor):
    cycles = apps.get_model("assessments", "AssessmentCycle")
    responses = apps.get_model("assessments", "Response")
    answers = apps.get_model("assessments", "IndicatorAnswer")
    indicators = apps.get_model("assessments", "Indicator")
    domains = apps.get_model("framework", "Domain")
    scores = apps.get_model("assessments", "SubmittedDomainScore")
    focus = apps.get_model("assessments", "SubmittedFocus")
    latest: dict[int, int] = {}
    for cycle in cycles.objects.filter(status="submitted").order_by("submitted_at", "pk"):
        response = responses.objects.filter(cycle=cycle, contributor=None).first()
        if response is None:
            continue
        latest[cycle.organisation_id] = cycle.pk
        submitted_on = cycle.submitted_at.date() if cycle.submitted_at else cycle.period_end
        sums = {
            row["indicator__domain_id"]: row
            for row in answers.objects.filter(response=response, indicator__is_active=True)
            .values("indicator__domain_id")
            .annotate(
                points=Sum("score"),
                answered=Count("id", filter=Q(score__isnull=False)),
                not_applicable=Count("id", filter=Q(not_applicable=True)),
            )
        }
        rows = []
        for domain in domains.objects.filter(framework_id=cycle.framework_id):
            total = indicators.objects.filter(domain=domain, is_active=True).count()
            found = sums.get(domain.pk, {})
            answered = found.get("answered") or 0
            applicable = total - (found.get("not_applicable") or 0)
            enough = answered > 0 and answered * 2 >= applicable
            percentage = (
                math.floor(100 * (found.get("points") or 0) / (answered * RATING_MAX) + 0.5)
                if enough
                else None
            )
            rows.append(
                scores(
                    organisation_id=cycle.organisation_id, cycle=cycle, domain=domain,
                    domain_code=domain.code, percentage=percentage, answered=answered,
                    applicable=applicable, submitted_on=submitted_on, is_latest=False,
                )  # fmt: skip
            )
        scores.objects.bulk_create(rows)
        focus.objects.bulk_create(
            focus(
                organisation_id=cycle.organisation_id, cycle=cycle, indicator_id=indicator_id,
                indicator_code=code, is_latest=False,
            )  # fmt: skip
            for indicator_id, code in answers.objects.filter(
                Q(priority=True) | Q(score__lte=FOCUS_MAX_SCORE),
                response=response,
                indicator__is_active=True,
            ).values_list("indicator_id", "indicator__code")
        )
    for model in (scores, focus):
        model.objects.filter(cycle_id__in=latest.values()).update(is_latest=True)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0016_submitted_scores")]

    operations = [migrations.RunPython(store, migrations.RunPython.noop)]
