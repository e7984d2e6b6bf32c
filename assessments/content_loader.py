"""Load a framework content file (YAML, English and Welsh side by side) into the database.

Idempotent: loading the same file twice changes nothing. Loading an edited file updates
text in place by `code` (primary keys stay, so answers that point at an item keep
pointing at it), adds new items, and retires items no longer in the file.

It takes an `apps` registry so the data migration can run it against historical
models; sections whose model does not exist yet in that registry are skipped, and
fields a historical model lacks are ignored.

It lives with the questionnaire rather than in the framework app: one file holds a
framework version and the questions built on it (indicators sit inside their domain), and
it creates questionnaire rows, which the framework app, the layer below, may not know
about (docs/adr/0009). It reaches every model through `apps`, by label, and never imports
one: the feedback statements it loads belong to an app above (voices), whose migration
runs the loader again once its table exists.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.apps import apps as global_apps
from django.db import transaction
from django.utils.translation import gettext

# libyaml's safe loader (in PyYAML's wheels) reads the content file about five times as fast
# as the pure-Python one, and accepts exactly the same documents.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

CONTENT_DIR = Path(__file__).resolve().parent / "framework_content"
LANGUAGES = ("en", "cy")

VERSION_TEXT_FIELDS = ("title", "short_title", "summary")


@dataclass(frozen=True)
class Section:
    """A list in the content file and the model its entries load into.

    `children` are lists nested inside each entry (a domain's indicators), loaded with a
    foreign key `parent_field` to the entry; `tags` are lists of codes of other content
    (an indicator's principles) loaded into many-to-many fields.
    """

    key: str
    model: str  # "app_label.ModelName"
    text_fields: tuple[str, ...]
    list_fields: tuple[str, ...] = ()
    parent_field: str = ""
    tags: tuple[tuple[str, str], ...] = ()  # (field name, "app_label.ModelName")
    children: tuple["Section", ...] = ()
    plain_fields: tuple[str, ...] = ()  # one value for both languages, such as a code


INDICATORS = Section(
    "indicators",
    "assessments.Indicator",
    ("text", "guidance", "first_step"),
    parent_field="domain",
    tags=(
        ("principles", "framework.Principle"),
        ("practice_levels", "framework.PracticeLevel"),
    ),
)
READINESS_ITEMS = Section(
    "items", "assessments.ReadinessItem", ("text", "hint"), parent_field="theme"
)

SECTIONS = (
    Section(
        "domains",
        "framework.Domain",
        ("name", "summary", "description"),
        ("examples",),
        children=(INDICATORS,),
    ),
    Section(
        "principles", "framework.Principle", ("name", "summary", "description"), ("in_practice",)
    ),
    Section(
        "practice_levels",
        "framework.PracticeLevel",
        ("name", "audience", "summary", "description"),
        ("good_practice",),
    ),
    Section(
        "readiness_themes",
        "assessments.ReadinessTheme",
        ("name", "description"),
        children=(READINESS_ITEMS,),
    ),
    Section("ways_of_working", "framework.WayOfWorking", ("name", "description")),
    Section("wellbeing_goals", "framework.WellbeingGoal", ("name", "description")),
    # What feedback rounds ask (voices), written for people who use services and for staff.
    Section(
        "feedback_statements",
        "voices.FeedbackStatement",
        ("text", "easy_read", "action"),
        tags=(("domains", "framework.Domain"), ("principles", "framework.Principle")),
        plain_fields=("audience",),
    ),
)


class ContentFileError(ValueError):
    """The content file is not in the expected shape."""


@dataclass
class LoadReport:
    framework_code: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    skipped_sections: list[str] = field(default_factory=list)

    def count(self, state: str) -> None:
        setattr(self, state, getattr(self, state) + 1)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.retired)

    def __str__(self) -> str:
        return gettext(
            "%(code)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
            "%(retired)d retired"
        ) % {
            "code": self.framework_code,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "retired": self.retired,
        }


def content_files() -> list[Path]:
    return sorted(CONTENT_DIR.glob("*.yaml"))


def _bilingual(item: dict, name: str, where: str) -> dict[str, str]:
    values = {}
    for lang in LANGUAGES:
        key = f"{name}_{lang}"
        if key not in item:
            raise ContentFileError(f"{where}: missing '{key}'")
        values[key] = (item[key] or "").strip()
    if not values[f"{name}_en"] and name == "name":
        raise ContentFileError(f"{where}: '{name}_en' must not be empty")
    return values


def _bullets(item: dict, name: str, where: str) -> list[dict[str, str]]:
    entries = item.get(name) or []
    if not isinstance(entries, list):
        raise ContentFileError(f"{where}: '{name}' must be a list")
    cleaned = []
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not (entry.get("en") or "").strip():
            raise ContentFileError(f"{where}: '{name}' entry {index} needs an 'en' text")
        cleaned.append({lang: (entry.get(lang) or "").strip() for lang in LANGUAGES})
    return cleaned


def _model(apps, label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _upsert(model, lookup: dict, values: dict):
    """Create or update one row; return it and "created", "updated" or "unchanged".

    Only fields the model has are written (historical models in migrations may lack some).
    """
    known = {f.name for f in model._meta.get_fields()}
    values = {k: v for k, v in values.items() if k in known}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), "created"
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return obj, "unchanged"
    for name in changed:
        setattr(obj, name, values[name])
    obj.save(update_fields=changed)
    return obj, "updated"


def parse_content_file(path: Path, raw: bytes) -> dict:
    """Parse the file's bytes (read once by the caller, which also hashes them)."""
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=SAFE_LOADER)  # noqa: S506
    except yaml.YAMLError as error:
        raise ContentFileError(f"{path.name}: not valid YAML ({error})") from error
    if not isinstance(data, dict) or not isinstance(data.get("version"), dict):
        raise ContentFileError(f"{path.name}: needs a 'version' mapping at the top")
    if not data["version"].get("code"):
        raise ContentFileError(f"{path.name}: version needs a 'code'")
    return data


def framework_content_load(*, path: Path, apps=global_apps) -> LoadReport:
    """Load one content file. Safe to run any number of times."""
    raw = path.read_bytes()
    data = parse_content_file(path, raw)
    version = data["version"]
    report = LoadReport(framework_code=version["code"])
    FrameworkVersion = apps.get_model("framework", "FrameworkVersion")

    with transaction.atomic():
        version_values = {"published": version.get("published"), "source_file": path.name}
        for name in VERSION_TEXT_FIELDS:
            version_values.update(_bilingual(version, name, f"{path.name} version"))
        framework, state = _upsert(FrameworkVersion, {"code": version["code"]}, version_values)
        report.count(state)
        # The hash changes with any edit; it is bookkeeping, not content, so not counted.
        FrameworkVersion.objects.filter(pk=framework.pk).update(
            content_hash=hashlib.sha256(raw).hexdigest()
        )

        # Nested lists (indicators) load after every top-level list, because they are
        # tagged with content (principles, practice levels) that must exist first.
        queue = [(section, [(None, item) for item in data.get(section.key) or []])
                 for section in SECTIONS]  # fmt: skip
        while queue:
            section, entries = queue.pop(0)
            queue.extend(_load_section(apps, section, entries, framework, path, report))
    return report


def _load_section(apps, section: Section, entries: list, framework, path: Path, report) -> list:
    """Load one list of (parent, item) entries; return the nested lists still to load.

    Codes of this kind that are no longer in the file are retired, never deleted.
    """
    model = _model(apps, section.model)
    if model is None:
        report.skipped_sections.append(section.key)
        return []
    seen_codes: list[str] = []
    nested: dict[Section, list] = {child: [] for child in section.children}
    for position, (parent, item) in enumerate(entries, start=1):
        where = f"{path.name} {section.key}[{position}]"
        if not isinstance(item, dict) or not item.get("code"):
            raise ContentFileError(f"{where}: needs a 'code'")
        values = {"order": item.get("order", position), "is_active": True}
        for name in section.text_fields:
            values.update(_bilingual(item, name, where))
        for name in section.list_fields:
            values[name] = _bullets(item, name, where)
        for name in section.plain_fields:
            if not item.get(name):
                raise ContentFileError(f"{where}: needs '{name}'")
            values[name] = str(item[name])
        if section.parent_field:
            values[section.parent_field] = parent
        obj, state = _upsert(model, {"framework": framework, "code": item["code"]}, values)
        tags_changed = [
            _set_tags(apps, obj, field_name, tag_model, item.get(field_name) or [], where)
            for field_name, tag_model in section.tags
        ]
        if state == "unchanged" and any(tags_changed):
            state = "updated"
        report.count(state)
        for child in section.children:
            nested[child].extend((obj, entry) for entry in item.get(child.key) or [])
        seen_codes.append(item["code"])
    if len(set(seen_codes)) != len(seen_codes):
        raise ContentFileError(f"{path.name} {section.key}: codes must be unique")
    report.retired += (
        model.objects.filter(framework=framework, is_active=True)
        .exclude(code__in=seen_codes)
        .update(is_active=False)
    )
    return list(nested.items())


def _set_tags(apps, obj, field_name: str, tag_model: str, codes: list, where: str) -> bool:
    """Point a many-to-many field at content of the same framework version, by code."""
    model = _model(apps, tag_model)
    if model is None:
        return False
    wanted = set(codes)
    found = dict(
        model.objects.filter(framework=obj.framework, code__in=wanted).values_list("code", "pk")
    )
    unknown = wanted - set(found)
    if unknown:
        raise ContentFileError(f"{where}: unknown {field_name} {sorted(unknown)}")
    manager = getattr(obj, field_name)
    if set(manager.values_list("pk", flat=True)) == set(found.values()):
        return False
    manager.set(found.values())
    return True


def framework_content_load_all(*, apps=global_apps) -> list[LoadReport]:
    return [framework_content_load(path=path, apps=apps) for path in content_files()]
