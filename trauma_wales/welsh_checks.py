"""Checks that keep the service fully bilingual, and the list a Welsh reviewer works from.

Four checks, run by `manage.py check_welsh` in CI and by the test suite:

- the catalogue: every message translated, none fuzzy, and each translation keeps the
  English's placeholders;
- the compiled catalogue (`django.mo`, what the service reads) says what `django.po`
  says, so an edit to the Welsh is never committed without being compiled;
- staleness: every string the code and templates mark for translation is in the catalogue
  (run `scripts/translations` after changing a string), and the catalogue holds nothing
  the code no longer uses;
- the content: every Welsh field (`*_cy`, and `cy` in example lists) of the current
  framework version is filled wherever its English is.

`changes_since` lists what changed in the Welsh (catalogue and content) since a commit,
so a translator reviews only that (`scripts/translations --changes`).
"""

import contextlib
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib
import yaml
from django.conf import settings

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|%\{[a-z]+\}|\{[a-z_]+\}|</?[a-z][^>]*>")
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
CONTENT_DIR = Path(settings.BASE_DIR) / "assessments" / "framework_content"
IGNORED = [".venv", "node_modules", "tests", "staticfiles"]  # as scripts/translations
COPY_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.png", "*.svg", "*.pdf")
REVIEW_MARKER = Path(settings.BASE_DIR) / "locale" / "cy" / "LAST_REVIEW"


def _label(entry: polib.POEntry) -> str:
    where = f"{entry.occurrences[0][0]}:{entry.occurrences[0][1]}" if entry.occurrences else "?"
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"{where}: {context}{entry.msgid[:70]!r}"


def catalogue_gaps(po_path: Path = CATALOGUE) -> list[str]:
    """Untranslated or fuzzy messages, and translations that lose a placeholder or tag."""
    problems = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {_label(entry)}")
        elif not entry.translated():
            problems.append(f"untranslated: {_label(entry)}")
        else:
            pairs = (
                [(entry.msgid, entry.msgstr)]
                if not entry.msgid_plural
                else [
                    (entry.msgid if index == 0 else entry.msgid_plural, text)
                    for index, text in entry.msgstr_plural.items()
                ]
            )
            for english, welsh in pairs:
                wanted = sorted(PLACEHOLDER.findall(english))
                # A singular form may say "one" instead of writing the number.
                if sorted(PLACEHOLDER.findall(welsh)) != wanted and not (
                    entry.msgid_plural and english == entry.msgid
                ):
                    problems.append(f"placeholders differ: {_label(entry)}")
                    break
    return problems


def _translations(catalogue: polib._BaseFile) -> dict:
    return {
        (entry.msgctxt, entry.msgid): (entry.msgstr, dict(entry.msgstr_plural))
        for entry in catalogue
        if entry.msgid and not entry.obsolete and "fuzzy" not in entry.flags
    }


def compiled_gaps(po_path: Path = CATALOGUE, mo_path: Path = COMPILED) -> list[str]:
    """Messages whose compiled Welsh differs from the catalogue's."""
    written = _translations(polib.pofile(str(po_path)))
    compiled = _translations(polib.mofile(str(mo_path))) if mo_path.exists() else {}
    return [
        f"not compiled (run scripts/translations): {msgid[:70]!r}"
        for (context, msgid), texts in written.items()
        if compiled.get((context, msgid)) != texts
    ]


def _keys(po: polib.POFile) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


def extracted_messages(root: Path | None = None) -> polib.POFile:
    """What `makemessages` finds in the code and templates under `root` (the project)
    now, without touching the catalogue. It runs on a scratch copy of the project's
    source (makemessages writes files beside the templates it reads), so several runs at
    once (parallel tests) never share a file; its template file is captured before it
    would be merged."""
    from django.core.management import call_command
    from django.core.management.commands import makemessages
    from django.test.utils import override_settings

    captured: dict[str, str] = {}

    class Extract(makemessages.Command):
        def write_po_file(self, potfile, locale):
            captured["pot"] = Path(potfile).read_text(encoding="utf-8")

    root = Path(root or settings.BASE_DIR)
    with tempfile.TemporaryDirectory() as scratch:
        scratch_path = Path(scratch)
        skipped = {*IGNORED, "locale", ".git", "media", "static"}
        for entry in root.iterdir():
            if entry.name in skipped or entry.name.startswith("."):
                continue
            if entry.is_dir():
                shutil.copytree(entry, scratch_path / entry.name, ignore=COPY_IGNORED)
            elif entry.suffix == ".py":
                shutil.copy(entry, scratch_path / entry.name)
        (scratch_path / "locale").mkdir()
        with (
            contextlib.chdir(scratch_path),
            override_settings(LOCALE_PATHS=[scratch_path / "locale"]),
        ):
            call_command(
                Extract(),
                locale=["cy"],
                no_obsolete=True,
                ignore_patterns=IGNORED,
                verbosity=0,
            )
    return polib.pofile(captured.get("pot", ""))


def catalogue_staleness(po_path: Path = CATALOGUE, extracted=None) -> list[str]:
    """Strings in the code but not in the catalogue, and the reverse."""
    extracted = extracted if extracted is not None else extracted_messages()
    in_code, in_catalogue = _keys(extracted), _keys(polib.pofile(str(po_path)))
    in_code.discard((None, ""))
    in_catalogue.discard((None, ""))
    problems = [
        f"not in the catalogue (run scripts/translations): {msgid[:70]!r}"
        for _context, msgid in sorted(in_code - in_catalogue, key=lambda key: key[1])
    ]
    problems += [
        f"in the catalogue but no longer used (run scripts/translations): {msgid[:70]!r}"
        for _context, msgid in sorted(in_catalogue - in_code, key=lambda key: key[1])
    ]
    return problems


@dataclass(frozen=True)
class ContentText:
    where: str
    english: str
    welsh: str


def content_texts(data: dict) -> list[ContentText]:
    """Every English text of a content file with its Welsh, in file order."""
    found: list[ContentText] = []

    def walk(node, where: str) -> None:
        if isinstance(node, dict):
            if set(node) == {"en", "cy"}:
                found.append(ContentText(where, node["en"] or "", node["cy"] or ""))
                return
            for key, value in node.items():
                if key.endswith("_en"):
                    stem = key[:-3]
                    found.append(
                        ContentText(f"{where}.{stem}", value or "", node.get(f"{stem}_cy") or "")
                    )
                elif not key.endswith("_cy"):
                    walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                code = value.get("code", index) if isinstance(value, dict) else index
                walk(value, f"{where}[{code}]")

    walk(data, "")
    return found


def current_content_file(content_dir: Path = CONTENT_DIR) -> Path:
    """The newest published framework version's file (as FrameworkVersion.current)."""
    files = sorted(content_dir.glob("*.yaml"))
    return max(
        files,
        key=lambda path: str(yaml.safe_load(path.read_text("utf-8"))["version"]["published"]),
    )


def content_gaps(path: Path | None = None) -> list[str]:
    path = path or current_content_file()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}{text.where}: Welsh is empty"
        for text in content_texts(data)
        if text.english.strip() and not text.welsh.strip()
    ]


def _git_show(revision: str, path: Path) -> str | None:
    relative = path.relative_to(settings.BASE_DIR).as_posix()
    result = subprocess.run(  # noqa: S603
        [shutil.which("git") or "git", "show", f"{revision}:{relative}"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout if result.returncode == 0 else None


def changes_since(revision: str | None) -> list[str]:
    """What a reviewer should read: catalogue messages and content texts whose English or
    Welsh changed since `revision` (everything, when there has been no review)."""
    lines = []
    before = {}
    old_po = _git_show(revision, CATALOGUE) if revision else None
    if old_po:
        before = {(e.msgctxt, e.msgid): e for e in polib.pofile(old_po)}
    for entry in polib.pofile(str(CATALOGUE)):
        old = before.get((entry.msgctxt, entry.msgid))
        if old is None:
            lines.append(f"new message: {_label(entry)}")
        elif (old.msgstr, old.msgstr_plural) != (entry.msgstr, entry.msgstr_plural):
            lines.append(f"Welsh changed: {_label(entry)}")
    for path in sorted(CONTENT_DIR.glob("*.yaml")):
        old_text = _git_show(revision, path) if revision else None
        old_texts = (
            {(t.where, t.english): t.welsh for t in content_texts(yaml.safe_load(old_text))}
            if old_text
            else {}
        )
        for text in content_texts(yaml.safe_load(path.read_text("utf-8"))):
            if not text.english.strip():
                continue
            previous = old_texts.get((text.where, text.english))
            if previous is None:
                lines.append(f"content, new or changed English: {path.name}{text.where}")
            elif previous != text.welsh:
                lines.append(f"content, Welsh changed: {path.name}{text.where}")
    return lines


def last_review() -> str | None:
    """The commit of the last review by a qualified translator, or None."""
    if not REVIEW_MARKER.exists():
        return None
    for line in REVIEW_MARKER.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return None if line == "none" else line
    return None
