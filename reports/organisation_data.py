"""Everything the service holds for one organisation, as one JSON document a lead can
download and take elsewhere (README, "An organisation's information").

It is built from the models, not from a list: every table whose rows belong to an
organisation (a foreign key to it, directly or through up to `MAX_STEPS` others) is in
the file, so a table added later is in it the day it exists. The rows they point at that
belong to nobody in particular are listed once under `references`: the framework content
the answers are about, and the people who did things (their name; their email address
only while they are a member). Secrets stay out (`LEFT_OUT`). `framework_versions` says,
by code and content hash, which framework versions the answers and that content belong
to: another instance takes the document in only when it has them, unchanged
(reports.organisation_import).
"""

from collections import defaultdict
from functools import cache
from typing import Any

from django.apps import apps
from django.core import serializers
from django.db import models
from django.utils import timezone

from accounts.models import User
from framework.models import FrameworkVersion
from organisations.models import Membership, Organisation

FORMAT = "trauma-informed-wales-organisation-data"
FORMAT_VERSION = 1
MAX_STEPS = 4
# Fields that open something or could: an invitation's token, an email's body (it may
# hold a sign-in link), a person's password, a feedback round's link (anyone with it can
# answer).
LEFT_OUT = {
    "organisations.invitation": {"token_hash"},
    "voices.feedbackround": {"token"},
    "trauma_wales.outgoingemail": {"body"},
}


def model_label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def links(model: type[models.Model]):
    return [
        field
        for field in model._meta.get_fields()
        if (field.many_to_one or field.one_to_one) and field.concrete and field.related_model
    ]


def many_links(model: type[models.Model]):
    """Many-to-many fields whose ids the rows carry (those with a table of their own are a
    table of the organisation's like any other)."""
    return [
        field
        for field in model._meta.many_to_many
        if (through := field.remote_field.through) is not None and through._meta.auto_created
    ]


@cache
def organisation_paths() -> dict[type[models.Model], str]:
    """Every model whose rows belong to an organisation, with the lookup from it to the
    organisation ("cycle__organisation"). Where there are several ways, one through
    required links wins over one that may be empty (an action's responsible member is
    optional, its plan is not), then the shortest. The models do not change while a
    process runs, so this is worked out once."""
    best: dict[type[models.Model], tuple[bool, int, str]] = {Organisation: (True, 0, "pk")}
    for _step in range(MAX_STEPS):
        changed = False
        for model in apps.get_models():
            for field in links(model):
                target = best.get(field.related_model)
                if target is None or model is Organisation:
                    continue
                required, steps, path = target
                candidate = (
                    required and not field.null,
                    steps + 1,
                    field.name if path == "pk" else f"{field.name}__{path}",
                )
                known = best.get(model)
                if known is None or (not known[0], known[1]) > (not candidate[0], candidate[1]):
                    best[model] = candidate
                    changed = True
        if not changed:
            break
    return {model: path for model, (_required, _steps, path) in best.items()}


def _rows(model: type[models.Model], path: str, organisation: Organisation) -> list[dict]:
    left_out = LEFT_OUT.get(model_label(model), set())
    fields = [
        f.name
        for f in model._meta.get_fields()
        if f.concrete and not f.primary_key and f.name not in left_out
    ]
    queryset = model._default_manager.filter(**{path: organisation.pk}).order_by("pk")
    return _serialised(queryset, fields)


def _serialised(queryset, fields: list[str] | None = None) -> list[dict]:
    """Each row as its id and its fields (foreign keys as ids)."""
    return [
        {"id": row["pk"], **row["fields"]}
        for row in serializers.serialize("python", queryset, fields=fields)
    ]


def _people(ids: set, organisation: Organisation) -> list[dict]:
    members = set(
        Membership.objects.filter(organisation=organisation, user_id__in=ids).values_list(
            "user_id", flat=True
        )
    )
    return [
        {
            "id": user.pk,
            "name": user.shown_name,
            "email": user.email if user.pk in members else None,
        }
        for user in User.objects.filter(pk__in=ids).order_by("pk")
    ]


def organisation_data(*, organisation: Organisation) -> dict[str, Any]:
    """The document: what it is, the organisation's tables (by "app.model", each row with
    its id and fields, foreign keys as ids), and the rows those ids point at outside it."""
    paths = organisation_paths()
    tables: dict[str, list[dict]] = {}
    pointed_at: dict[type[models.Model], set] = defaultdict(set)
    for model, path in sorted(paths.items(), key=lambda item: model_label(item[0])):
        rows = _rows(model, path, organisation)
        tables[model_label(model)] = rows
        for field in links(model):
            if field.related_model not in paths:
                pointed_at[field.related_model] |= {
                    row[field.name] for row in rows if row.get(field.name) is not None
                }
        for field in many_links(model):
            if field.related_model not in paths:
                pointed_at[field.related_model] |= {
                    pk for row in rows for pk in row.get(field.name, ())
                }
    references: dict[str, list[dict]] = {}
    versions: set = set()
    for model, ids in sorted(pointed_at.items(), key=lambda item: model_label(item[0])):
        if model is User:
            references[model_label(model)] = _people(ids, organisation)
        elif ids:
            queryset = model._default_manager.filter(pk__in=ids).order_by("pk")
            references[model_label(model)] = _serialised(queryset)
            versions |= _framework_version_ids(model, references[model_label(model)])
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now(),
        "organisation": {"id": organisation.pk, "name": organisation.name},
        "framework_versions": list(
            FrameworkVersion.objects.filter(pk__in=versions)
            .order_by("pk")
            .values("id", "code", "content_hash")
        ),
        "tables": tables,
        "references": references,
    }


def _framework_version_ids(model: type[models.Model], rows: list[dict]) -> set:
    """The framework versions these reference rows are, or belong to."""
    if model is FrameworkVersion:
        return {row["id"] for row in rows}
    return {
        row[field.name]
        for field in links(model)
        if field.related_model is FrameworkVersion
        for row in rows
        if row.get(field.name) is not None
    }
