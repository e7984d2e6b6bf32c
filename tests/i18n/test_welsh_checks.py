"""The checks that keep the service fully Welsh: each passes on the real files and fails
on a deliberately broken copy, so a later change cannot slip back to English."""

import shutil

import polib
import pytest
from django.core.management import CommandError, call_command

from trauma_wales import welsh_checks
from trauma_wales.welsh_checks import (
    CATALOGUE,
    COMPILED,
    catalogue_gaps,
    catalogue_staleness,
    compiled_gaps,
    content_gaps,
    current_content_file,
)

# The Welsh checks read the catalogue and the content file: PostgreSQL's run only.
pytestmark = pytest.mark.database_independent


@pytest.fixture(scope="module")
def extracted():
    """What the code and templates mark for translation today (one extraction per module)."""
    return welsh_checks.extracted_messages()


@pytest.fixture
def catalogue_copy(tmp_path):
    path = tmp_path / "django.po"
    shutil.copy(CATALOGUE, path)
    return path


def _edit(path, change):
    po = polib.pofile(str(path))
    change(po)
    po.save()


def _first(po, **match):
    return next(e for e in po if all(getattr(e, k) == v for k, v in match.items()))


def test_the_catalogue_is_complete_and_current(extracted):
    assert catalogue_gaps() == []
    assert catalogue_staleness(extracted=extracted) == []


def test_the_compiled_catalogue_says_what_the_catalogue_says():
    assert compiled_gaps() == []


def test_a_translation_changed_but_not_compiled_is_reported(catalogue_copy, tmp_path):
    _edit(catalogue_copy, lambda po: setattr(_first(po, msgid="Sign in"), "msgstr", "Mewngofnodi!"))
    problems = compiled_gaps(catalogue_copy, COMPILED)
    assert problems == ["not compiled (run scripts/translations): 'Sign in'"]
    polib.pofile(str(catalogue_copy)).save_as_mofile(str(tmp_path / "django.mo"))
    assert compiled_gaps(catalogue_copy, tmp_path / "django.mo") == []


def test_the_content_of_the_current_framework_is_all_in_welsh():
    assert content_gaps() == []


def test_an_untranslated_message_is_reported(catalogue_copy):
    _edit(catalogue_copy, lambda po: setattr(_first(po, msgid="Sign in"), "msgstr", ""))
    problems = catalogue_gaps(catalogue_copy)
    assert len(problems) == 1
    assert problems[0].startswith("untranslated:")
    assert "'Sign in'" in problems[0]


def test_a_fuzzy_message_is_reported(catalogue_copy):
    _edit(catalogue_copy, lambda po: _first(po, msgid="Back").flags.append("fuzzy"))
    problems = catalogue_gaps(catalogue_copy)
    assert len(problems) == 1
    assert problems[0].startswith("fuzzy:")
    assert "'Back'" in problems[0]


def test_a_translation_that_drops_a_placeholder_is_reported(catalogue_copy):
    def drop(po):
        entry = next(e for e in po if "%(email)s" in e.msgid and not e.msgid_plural)
        entry.msgstr = entry.msgstr.replace("%(email)s", "")

    _edit(catalogue_copy, drop)
    problems = catalogue_gaps(catalogue_copy)
    assert len(problems) == 1
    assert problems[0].startswith("placeholders differ:")


def test_a_string_missing_from_the_catalogue_is_reported(catalogue_copy, extracted):
    _edit(catalogue_copy, lambda po: po.remove(_first(po, msgid="Check your answers")))
    assert catalogue_staleness(catalogue_copy, extracted=extracted) == [
        "not in the catalogue (run scripts/translations): 'Check your answers'"
    ]


def test_a_string_the_code_no_longer_uses_is_reported(catalogue_copy, extracted):
    _edit(
        catalogue_copy,
        lambda po: po.append(polib.POEntry(msgid="A retired sentence", msgstr="Brawddeg")),
    )
    assert catalogue_staleness(catalogue_copy, extracted=extracted) == [
        "in the catalogue but no longer used (run scripts/translations): 'A retired sentence'"
    ]


def test_a_string_added_to_a_template_is_reported_until_the_catalogue_is_refreshed(tmp_path):
    """Extraction reads the templates as they are: a new string is found at once (shown on
    a scratch project, so other tests running at the same time never see it)."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "probe.html").write_text(
        '{% load i18n %}{% translate "A brand new probe sentence" %}'
    )
    problems = catalogue_staleness(extracted=welsh_checks.extracted_messages(root=tmp_path))
    assert "not in the catalogue (run scripts/translations): 'A brand new probe sentence'" in (
        problems
    )


@pytest.mark.parametrize(
    ("english_line", "broken_line"),
    [
        ('    name_cy: "Arweinyddiaeth a llywodraethu"', '    name_cy: ""'),
        (
            'cy: "Uwch noddwr, ac arweinydd a enwir sydd ag amser wedi\'i neilltuo"',
            'cy: ""',
        ),
    ],
    ids=["a name", "an example"],
)
def test_an_empty_welsh_content_field_is_reported(tmp_path, english_line, broken_line):
    source = current_content_file()
    text = source.read_text(encoding="utf-8")
    assert english_line in text
    broken = tmp_path / source.name
    broken.write_text(text.replace(english_line, broken_line, 1), encoding="utf-8")
    problems = content_gaps(broken)
    assert len(problems) == 1
    assert problems[0].endswith("Welsh is empty")
    assert "domains[leadership]" in problems[0]


def test_check_welsh_command_fails_when_welsh_is_missing(monkeypatch, catalogue_copy):
    _edit(catalogue_copy, lambda po: setattr(_first(po, msgid="Sign in"), "msgstr", ""))
    monkeypatch.setattr(
        "trauma_wales.management.commands.check_welsh.catalogue_gaps",
        lambda: catalogue_gaps(catalogue_copy),
    )
    monkeypatch.setattr(
        "trauma_wales.management.commands.check_welsh.catalogue_staleness", lambda: []
    )
    with pytest.raises(CommandError, match="1 Welsh texts need attention"):
        call_command("check_welsh")


def test_changes_since_lists_only_what_changed(monkeypatch, catalogue_copy):
    """With no review recorded everything is listed; against the catalogue itself, only a
    changed translation is."""
    everything = welsh_checks.changes_since(None)
    assert any(line.startswith("new message:") for line in everything)
    assert any(line.startswith("content, new or changed English:") for line in everything)

    original = CATALOGUE.read_text(encoding="utf-8")
    _edit(catalogue_copy, lambda po: setattr(_first(po, msgid="Back"), "msgstr", "Nôl"))
    monkeypatch.setattr(welsh_checks, "CATALOGUE", catalogue_copy)
    monkeypatch.setattr(
        welsh_checks,
        "_git_show",
        lambda revision, path: original if path == catalogue_copy else path.read_text("utf-8"),
    )
    (changed,) = welsh_checks.changes_since("HEAD")
    assert changed.startswith("Welsh changed:")
    assert "'Back'" in changed
