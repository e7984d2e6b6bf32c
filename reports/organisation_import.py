"""Take an organisation's information (reports.organisation_data) into this instance of the
service: platform staff move an organisation from one instance to another with the JSON
file a lead downloaded (`manage.py import_organisation_data`).

Generic like the export, and in one transaction, so that a refused or failed import
leaves nothing behind:

- it is refused (`ImportRefused`) unless the document is in the export's format and
  version, this instance has every framework version the document names with the same
  content (by code and content hash), and the organisation's web address name is free;
- the organisation's tables go in in the order of their links, the organisation first,
  each row with a new id. A link to a row of the document follows that row to its new id;
  a link to a row outside the organisation (`references`) is matched here by a natural key
  (`NATURAL_KEYS`; framework content by its framework version and code), and a person by
  email address: someone who is not here, or whose address the document does not give,
  becomes an inactive account without a password;
- a row whose required link finds nothing here is left out, an optional link is emptied,
  and the report says how many of each, and why;
- values stay as they were: rows are inserted the way `loaddata` inserts fixtures
  (Django's raw save, one INSERT with the values given), so timestamps Django would set
  (`auto_now`, `auto_now_add`) keep the document's, and append-only records are written
  once with their final values;
- what the export leaves out gets a fresh value (`FRESH`, or the field's default: a new
  feedback round link, an invitation token nobody holds), and some rows are left out on
  purpose (`NOT_TAKEN`: invitations still open, emails not sent yet, kept PDFs).

Its messages are for platform staff, in English, as the framework content loader's are.
"""

import json
import secrets
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.db.models.functions import Lower
from django.utils import timezone, translation

from accounts.models import FULL_NAME_MAX_LENGTH, User
from framework.models import FrameworkVersion
from organisations.models import Invitation, Organisation
from organisations.services import hash_token
from reports.organisation_data import (
    FORMAT,
    FORMAT_VERSION,
    LEFT_OUT,
    links,
    many_links,
    model_label,
    organisation_paths,
)
from trauma_wales.audit import audit_record, audit_text, audit_value
from trauma_wales.former_members import FORMER_MEMBER
from trauma_wales.history_models import ImmutableModel
from trauma_wales.models import EmailStatus

# How a row outside the organisation is found here: by these fields (a link among them is
# matched first). One line per model. Framework content (a `framework` and a `code`, unique
# together) needs no line (`natural_key`); people are matched by email address. A network
# has no line on purpose: a membership shares figures with the coordinators of a network
# on the other instance, so it is left out and the lead chooses again here.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "framework.frameworkversion": ("code",),
    "organisations.area": ("code",),
}
# Links to a row of any table, kept as the table's label and the row's id in text fields.
POINTERS: dict[str, tuple[tuple[str, str], ...]] = {
    "trauma_wales.auditentry": (("target_type", "target_id"),),
    "trauma_wales.outgoingemail": (("about_type", "about_id"),),
}
NO_ADDRESS = "imported-{key}@imported.invalid"  # unique, and no mail can reach it

NewId = Callable[[str, Any], Any]


def _approved_actions(actions: list[dict], new_id: NewId) -> list[dict]:
    """An approved plan's copy of its actions names each by id (action_plans.snapshots).
    An action removed since is not in the document: its old id, made negative, is one no
    action has, so the plan still reads it as removed."""
    return [
        {**action, "id": new_id("action_plans.action", action["id"]) or -action["id"]}
        for action in actions
    ]


# Values that hold ids of the organisation's rows inside them.
IDS_IN_VALUES: dict[tuple[str, str], Callable[[Any, NewId], Any]] = {
    ("action_plans.approvedversion", "actions"): _approved_actions,
}
# Fields the export leaves out (organisation_data.LEFT_OUT) whose default is no fresh valid
# value; the others take their default (a new link for a feedback round, no email body).
FRESH: dict[tuple[str, str], Callable[[], Any]] = {
    # A token nobody holds: the invitation can never be accepted with it.
    ("organisations.invitation", "token_hash"): lambda: hash_token(secrets.token_urlsafe(32)),
}


def _open_invitation(row: dict) -> bool:
    expires_at = Invitation._meta.get_field("expires_at").to_python(row["expires_at"])
    return row["accepted_at"] is None and row["revoked_at"] is None and expires_at > timezone.now()


# Rows left out on purpose, with why.
NOT_TAKEN: dict[str, tuple[Callable[[dict], bool], str]] = {
    "organisations.invitation": (
        _open_invitation,
        "still open, but its link was emailed from the other instance and its token is not "
        "in the document: invite the person again here",
    ),
    "trauma_wales.outgoingemail": (
        lambda row: row["status"] == EmailStatus.QUEUED,
        "not sent yet: the other instance sends it, and its body is not in the document",
    ),
    "reports.storedreport": (
        lambda row: True,
        "a board report PDF the other instance kept: the file is not in the document, and "
        "the report is made again when someone asks for it",
    ),
}


class ImportRefused(ValueError):
    """The document cannot be taken in here. Nothing was written."""


@dataclass
class ImportReport:
    """What an import did. `ids` maps each table's and reference's document ids to the ids
    here; `left_out` counts rows by (table, why), `emptied` links by (table, field, why)."""

    organisation: Organisation
    imported: Counter[str]
    left_out: Counter[tuple[str, str]]
    emptied: Counter[tuple[str, str, str]]
    unknown_fields: dict[str, list[str]]
    people_found: int
    people_added: int
    ids: dict[str, dict[Any, Any]] = field(repr=False)

    def lines(self) -> list[str]:
        organisation = self.organisation
        lines = [
            f"Imported “{organisation.name}” as /o/{organisation.slug}/ (id {organisation.pk}).",
            f"People: {self.people_found} found here by email address, {self.people_added} "
            "added (inactive, without a password).",
            "Rows imported:",
            *(f"  {label}: {count}" for label, count in sorted(self.imported.items())),
        ]
        if self.left_out:
            lines.append("Left out:")
            lines += [
                f"  {label}: {count} ({why})"
                for (label, why), count in sorted(self.left_out.items())
            ]
        if self.emptied:
            lines.append("Links emptied, as what they point at is not here:")
            lines += [
                f"  {label}.{name}: {count} ({why})"
                for (label, name, why), count in sorted(self.emptied.items())
            ]
        if self.unknown_fields:
            lines.append("Fields this instance does not have, left out:")
            lines += [
                f"  {label}: {', '.join(names)}"
                for label, names in sorted(self.unknown_fields.items())
            ]
        return lines


def organisation_document_read(path: Path | str) -> dict:
    """The document in a file, or `ImportRefused` saying why it cannot be read."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ImportRefused(f"No such file: {path}") from error
    except json.JSONDecodeError as error:
        raise ImportRefused(f"{path} is not a JSON document ({error}).") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ImportRefused(f"Could not read {path}: {error}") from error
    if not isinstance(document, dict):
        raise ImportRefused(f"{path} is not an organisation's information.")
    return document


def organisation_import(*, document: dict, actor=None, slug: str | None = None) -> ImportReport:
    """Take the document in as a new organisation (under `slug` when given), or refuse with
    `ImportRefused` and write nothing."""
    _check_format(document)
    importing = _Import(document)
    try:
        with transaction.atomic():
            return importing.run(slug=slug, actor=actor)
    except (KeyError, TypeError, AttributeError, ValidationError) as error:
        raise ImportRefused(
            f"The document is not in the shape this instance reads (at {importing.where}: "
            f"{error!r})."
        ) from error
    except DatabaseError as error:
        raise ImportRefused(
            f"The document does not fit this instance's tables (at {importing.where}: {error})."
        ) from error


def _check_format(document: Any) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRefused(f"This is not an organisation's information (format {FORMAT}).")
    if document.get("format_version") != FORMAT_VERSION:
        raise ImportRefused(
            f"The document is in version {document.get('format_version')!r} of the format; "
            f"this instance reads version {FORMAT_VERSION}."
        )
    if not all(
        isinstance(document.get(key), dict) for key in ("organisation", "tables", "references")
    ):
        raise ImportRefused(
            "The document is incomplete: it needs its organisation, tables and references."
        )


def _framework_versions(document: dict) -> dict[Any, int]:
    """The document's framework version ids, each with the id of the same version here;
    refused unless this instance has each one with the same content. A document written
    before the export listed them names them among its references."""
    listed = document.get("framework_versions")
    if listed is None:
        listed = document["references"].get(model_label(FrameworkVersion), [])
    found = {}
    for version in listed:
        code, content_hash = version["code"], version["content_hash"]
        here = FrameworkVersion.objects.filter(code=code).first()
        if here is None:
            raise ImportRefused(
                f"The organisation's answers are to framework version “{code}”, which this "
                "instance does not have: load its content first (load_framework_content)."
            )
        if here.content_hash != content_hash:
            raise ImportRefused(
                f"Framework version “{code}” has different content here (content hash "
                f"{here.content_hash[:12]}…) from the one the organisation's answers are to "
                f"({str(content_hash)[:12]}…): its answers would not mean the same here."
            )
        found[version["id"]] = here.pk
    return found


def natural_key(model: type[models.Model]) -> tuple[str, ...] | None:
    """The fields that find a reference row here: its line in `NATURAL_KEYS`, or for
    framework content its framework version and code."""
    label = model_label(model)
    if label in NATURAL_KEYS:
        return NATURAL_KEYS[label]
    unique = [set(fields) for fields in model._meta.unique_together] + [
        set(constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.condition is None
    ]
    framework = next((f for f in links(model) if f.name == "framework"), None)
    is_content = framework is not None and framework.related_model is FrameworkVersion
    return ("framework", "code") if is_content and {"framework", "code"} in unique else None


T = TypeVar("T", bound=Hashable)


def dependency_order(
    nodes: Iterable[T], needs: Callable[[T], Iterable[tuple[T, bool]]]
) -> tuple[list[T], set[tuple[T, T]]]:
    """`nodes` in an order where each comes after the nodes it needs (`needs(node)`: pairs
    of another node and whether the need is optional). Where needs go round in a circle,
    the optional ones in it are put off: returned as (node, needed) pairs, for the caller
    to fill in once both exist. A circle of required needs is refused."""
    remaining = list(dict.fromkeys(nodes))
    known = set(remaining)
    wanted = {
        node: [(other, optional) for other, optional in needs(node) if other in known]
        for node in remaining
    }
    placed: set[T] = set()
    order: list[T] = []
    put_off: set[tuple[T, T]] = set()
    while remaining:
        ready = [
            node
            for node in remaining
            if all(other in placed or (node, other) in put_off for other, _ in wanted[node])
        ]
        if not ready:
            stuck = set(remaining)
            circle = {
                (node, other)
                for node in remaining
                for other, optional in wanted[node]
                if optional and other in stuck
            } - put_off
            if not circle:
                raise ImportRefused(
                    f"Rows that need each other in a circle cannot be inserted: {remaining[:5]}."
                )
            put_off |= circle
            continue
        placed.update(ready)
        order += ready
        remaining = [node for node in remaining if node not in placed]
    return order, put_off


def insert_order(
    tables: Iterable[type[models.Model]],
) -> tuple[list[type[models.Model]], dict[type[models.Model], set]]:
    """The organisation's tables in the order to insert them: each after the tables it
    links to, and those with `POINTERS` after every other. Where links go round in a circle
    (none do today), the optional ones are filled in afterwards: returned by table."""
    ordered = sorted(tables, key=model_label)

    def needs(model):
        found = [
            (f.related_model, f.null)
            for f in links(model)
            if f.related_model in ordered and f.related_model is not model
        ]
        if model_label(model) in POINTERS:
            found += [(t, True) for t in ordered if model_label(t) not in POINTERS]
        return found

    order, put_off = dependency_order(ordered, needs)
    later: dict[type[models.Model], set] = defaultdict(set)
    for model, other in put_off:
        later[model] |= {f for f in links(model) if f.related_model is other and f.null}
    for model, put_off_fields in later.items():
        if put_off_fields and issubclass(model, ImmutableModel):
            raise ImportRefused(f"{model_label(model)} rows are written once: no link can wait.")
    return order, later


def _former_member_names() -> set[str]:
    """How the export names a person who closed their account, in each language."""
    names = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.add(str(FORMER_MEMBER))
    return names


class _Import:
    """One import: the document, the ids given so far, and what was left out."""

    def __init__(self, document: dict):
        self.document = document
        self.where = "the start"
        self.tables: dict[str, list[dict]] = document["tables"]
        self.references: dict[str, dict[Any, dict]] = {}
        self.paths = organisation_paths()
        self.models = {model_label(model): model for model in self.paths}
        self.ids: dict[str, dict[Any, Any]] = defaultdict(dict)
        self.missing: dict[str, dict[Any, str]] = defaultdict(dict)
        self.matched: set[str] = set()
        self.imported: Counter[str] = Counter()
        self.left_out: Counter[tuple[str, str]] = Counter()
        self.emptied: Counter[tuple[str, str, str]] = Counter()
        self.unknown_fields: dict[str, list[str]] = {}
        self.many: dict[Any, list] = defaultdict(list)
        self.later: list[tuple[type[models.Model], Any, Any, Any]] = []
        self.people_here: dict[str, int] = {}
        self.people_found = self.people_added = 0
        self.exported_at = timezone.now()
        self.slug = ""

    def run(self, *, slug: str | None, actor) -> ImportReport:
        self.references = {
            label: {row["id"]: row for row in rows}
            for label, rows in self.document["references"].items()
        }
        exported_at = models.DateTimeField().to_python(self.document.get("exported_at"))
        self.exported_at = exported_at or self.exported_at
        self.ids[model_label(FrameworkVersion)] = _framework_versions(self.document)
        self.matched.add(model_label(FrameworkVersion))
        organisation_row = self._organisation_row(slug)
        self._people_prepare()
        for label in sorted(set(self.tables) - set(self.models)):
            if self.tables[label]:
                self.left_out[(label, "no such table on this instance")] += len(self.tables[label])
        order, later = insert_order(self.paths)
        for model in order:
            self._insert(model, later.get(model, set()))
        self.where = "many-to-many links"
        self._insert_many()
        self.where = "links filled in afterwards"
        self._fill_in_later()
        self.where = "the end"
        organisation = Organisation.objects.get(
            pk=self.ids[model_label(Organisation)][organisation_row["id"]]
        )
        audit_record(
            action="organisation.imported",
            actor=actor,
            organisation=organisation,
            target=organisation,
            details={
                "name": audit_text(self.document["organisation"].get("name", "")),
                "exported_at": audit_value(self.document.get("exported_at")),
            },
        )
        return ImportReport(
            organisation=organisation,
            imported=self.imported,
            left_out=self.left_out,
            emptied=self.emptied,
            unknown_fields=self.unknown_fields,
            people_found=self.people_found,
            people_added=self.people_added,
            ids=dict(self.ids),
        )

    def _organisation_row(self, slug: str | None) -> dict:
        rows = self.tables.get(model_label(Organisation)) or []
        if len(rows) != 1 or rows[0]["id"] != self.document["organisation"].get("id"):
            raise ImportRefused("The document should hold one organisation: the one it is about.")
        if slug is not None:
            slug_field = Organisation._meta.get_field("slug")
            try:
                slug_field.clean(slug, None)
            except ValidationError as error:
                raise ImportRefused(
                    f"“{slug}” cannot be a web address name: use letters, numbers and hyphens, "
                    f"at most {slug_field.max_length}."
                ) from error
        self.slug = slug or rows[0]["slug"]
        if Organisation.objects.filter(slug=self.slug).exists():
            raise ImportRefused(
                f"An organisation here already has the web address name “{self.slug}”: "
                "import it under another (--slug)."
            )
        return rows[0]

    # --- rows --------------------------------------------------------------------------

    def _insert(self, model: type[models.Model], later: set) -> None:
        label = model_label(model)
        rows = self.tables.get(label) or []
        names = {f.name for f in model._meta.get_fields()}
        unknown = sorted({key for row in rows for key in row} - names - {"id"})
        if unknown:
            self.unknown_fields[label] = unknown
        own = [f for f in links(model) if f.related_model is model]
        put_off: set = set()
        if own:
            by_id = {row["id"]: row for row in rows}
            order, put_off = dependency_order(
                by_id, lambda old: [(by_id[old].get(f.name), f.null) for f in own]
            )
            if put_off and issubclass(model, ImmutableModel):
                raise ImportRefused(f"{label} rows are written once: no link can wait.")
            rows = [by_id[old] for old in order]
        not_taken = NOT_TAKEN.get(label)
        for row in rows:
            self.where = f"{label} {row['id']}"
            if not_taken and not_taken[0](row):
                self._leave_out(label, row["id"], not_taken[1])
                continue
            waits = {f for f in own if (row["id"], row.get(f.name)) in put_off} | later
            why = self._why_left_out(model, row, waits)
            if why:
                self._leave_out(label, row["id"], why)
                continue
            values = {
                f.attname: self._value(label, f, row, waits)
                for f in model._meta.concrete_fields
                if not f.primary_key
            }
            if model is Organisation:
                values["slug"] = self.slug
            for type_field, id_field in POINTERS.get(label, ()):
                if row.get(id_field):
                    values[id_field] = self._pointer(
                        label, id_field, row[type_field], row[id_field]
                    )
            instance = model(**values)
            instance.save_base(raw=True)
            self.ids[label][row["id"]] = instance.pk
            self.imported[label] += 1
            for f in many_links(model):
                self.many[f] += [(instance.pk, old) for old in row.get(f.name) or ()]
            for f in waits:
                if row.get(f.name) is not None:
                    self.later.append((model, instance.pk, f, row[f.name]))

    def _leave_out(self, label: str, old: Any, why: str) -> None:
        self.left_out[(label, why)] += 1
        self.missing[label][old] = "was left out"

    def _why_left_out(self, model: type[models.Model], row: dict, waits: set) -> str:
        """Why a row cannot go in: a required link that finds nothing here."""
        for f in links(model):
            if f.null or f in waits or row.get(f.name) is None:
                continue
            why = self._why_missing(f.related_model, row[f.name])
            if why:
                return f"its {f.name} ({model_label(f.related_model)}) {why}"
        return ""

    def _value(self, label: str, f: Any, row: dict, waits: set) -> Any:
        if f.name in LEFT_OUT.get(label, ()) or f.name not in row:
            fresh = FRESH.get((label, f.name))
            return fresh() if fresh else f.get_default()
        value = row[f.name]
        if f.is_relation:
            if value is None or f in waits:
                return None
            new = self._new_id(f.related_model, value)
            if new is None:
                why = self._why_missing(f.related_model, value)
                self.emptied[(label, f.name, f"{model_label(f.related_model)} {why}")] += 1
            return new
        remap = IDS_IN_VALUES.get((label, f.name))
        if remap is not None:
            value = remap(value, lambda target, old: self._new_id(self.models[target], old))
        return f.to_python(value)

    def _pointer(self, label: str, id_field: str, kind: str, old: str) -> str:
        try:
            target = apps.get_model(kind)
        except (LookupError, ValueError):
            why = f"{kind} is not a table here"
        else:
            old_id = target._meta.pk.to_python(old)
            new = self._new_id(target, old_id)
            if new is not None:
                return str(new)
            why = f"{model_label(target)} {self._why_missing(target, old_id)}"
        self.emptied[(label, id_field, why)] += 1
        return ""

    def _insert_many(self) -> None:
        for f, pairs in self.many.items():
            label, target = model_label(f.model), f.related_model
            through = f.remote_field.through
            source = through._meta.get_field(f.m2m_field_name()).attname
            destination = through._meta.get_field(f.m2m_reverse_field_name()).attname
            links_here = []
            for pk, old in pairs:
                new = self._new_id(target, old)
                if new is None:
                    why = f"{model_label(target)} {self._why_missing(target, old)}"
                    self.emptied[(label, f.name, why)] += 1
                else:
                    links_here.append(through(**{source: pk, destination: new}))
            through._default_manager.bulk_create(links_here)

    def _fill_in_later(self) -> None:
        for model, pk, f, old in self.later:
            new = self._new_id(f.related_model, old)
            if new is None:
                why = self._why_missing(f.related_model, old)
                self.emptied[
                    (model_label(model), f.name, f"{model_label(f.related_model)} {why}")
                ] += 1
            else:
                model._base_manager.filter(pk=pk).update(**{f.attname: new})

    # --- what ids point at ---------------------------------------------------------------

    def _new_id(self, model: Any, old: Any) -> Any:
        """The id here of the row the document knows as `old`, or None."""
        label = model_label(model)
        if model is User and old not in self.ids[label]:
            self._person(old)
        elif model is not User and model not in self.paths:
            self._match(model)
        return self.ids[label].get(old)

    def _why_missing(self, model: Any, old: Any) -> str:
        """Why `old` finds no row here ("" when it does), without writing anything."""
        label = model_label(model)
        if old in self.ids[label]:
            return ""
        if model is User:
            return "" if old in self.references.get(label, {}) else "is not in the document"
        if model not in self.paths:
            self._match(model)
            if old in self.ids[label]:
                return ""
        return self.missing[label].get(old, "is not in the document")

    def _match(self, model: type[models.Model]) -> None:
        """Find the document's rows of a reference model here, by their natural key."""
        label = model_label(model)
        if label in self.matched:
            return
        self.matched.add(label)
        rows = self.references.get(label, {})
        key = natural_key(model)
        if key is None:
            self.missing[label] = dict.fromkeys(rows, "cannot be matched on this instance")
            return
        fields: list[Any] = [model._meta.get_field(name) for name in key]
        wanted = {}
        for old, row in rows.items():
            parts = tuple(self._key_part(f, row.get(f.name)) for f in fields)
            if None not in parts:
                wanted[parts] = old
        if wanted:
            lookups = {
                f"{f.attname}__in": {parts[index] for parts in wanted}
                for index, f in enumerate(fields)
            }
            here = model._base_manager.filter(**lookups).values_list(
                *(f.attname for f in fields), "pk"
            )
            for *parts, pk in here:
                if tuple(parts) in wanted:
                    self.ids[label][wanted[tuple(parts)]] = pk
        for old in rows:
            if old not in self.ids[label]:
                self.missing[label][old] = "is not on this instance"

    def _key_part(self, f: Any, value: Any) -> Any:
        if value is None:
            return None
        return self._new_id(f.related_model, value) if f.is_relation else f.to_python(value)

    def _people_prepare(self) -> None:
        rows = self.references.get(model_label(User), {}).values()
        addresses = {row["email"].lower() for row in rows if row.get("email")}
        self.people_here = dict(
            User.objects.annotate(address=Lower("email"))
            .filter(address__in=addresses)
            .values_list("address", "pk")
        )

    def _person(self, old: Any) -> None:
        """The person the document knows as `old`: found here by email address, or added
        without a usable password, inactive (a closed account stays closed)."""
        row = self.references.get(model_label(User), {}).get(old)
        if row is None:
            return
        email = (row.get("email") or "").strip()
        if email and email.lower() in self.people_here:
            self.ids[model_label(User)][old] = self.people_here[email.lower()]
            self.people_found += 1
            return
        name = str(row.get("name") or "")
        closed = not email and name in _former_member_names()
        person = User.objects.create_user(
            email=email or NO_ADDRESS.format(key=secrets.token_hex(8)),
            password=None,
            full_name="" if closed else name[:FULL_NAME_MAX_LENGTH],
            is_active=False,
            closed_at=self.exported_at if closed else None,
        )
        self.ids[model_label(User)][old] = person.pk
        self.people_added += 1
