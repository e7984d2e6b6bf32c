"""The framework content file loads idempotently and edits never break what points at it."""

import re
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from assessments.content_loader import (
    ContentFileError,
    content_files,
    framework_content_load,
)
from assessments.models import Indicator
from framework.models import (
    Domain,
    FrameworkVersion,
    PracticeLevel,
    Principle,
    WayOfWorking,
    WellbeingGoal,
)

pytestmark = pytest.mark.django_db

SHIPPED = content_files()[0]


def write_variant(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / SHIPPED.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_migrate_alone_loads_the_framework_content():
    framework = FrameworkVersion.objects.current()
    assert framework is not None
    assert [d.code for d in Domain.objects.filter(framework=framework).order_by("order")] == [
        "leadership", "policy", "workforce", "environment", "involvement", "evaluation",
    ]  # fmt: skip
    assert [p.code for p in Principle.objects.filter(framework=framework).order_by("order")] == [
        "inclusive", "safety", "compassion", "strengths", "collaboration",
    ]  # fmt: skip
    levels = PracticeLevel.objects.filter(framework=framework).order_by("order")
    assert [level.code for level in levels] == ["aware", "skilled", "enhanced", "specialist"]
    assert WayOfWorking.objects.filter(framework=framework).count() == 5
    assert WellbeingGoal.objects.filter(framework=framework).count() == 7


def test_every_item_has_english_text_and_the_files_welsh_text_is_loaded():
    for model in (Domain, Principle, PracticeLevel, WayOfWorking, WellbeingGoal):
        for item in model.objects.all():
            assert item.name_en and item.description_en, item
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    welsh = {item["code"]: item["name_cy"] for item in data["ways_of_working"]}
    loaded = dict(WayOfWorking.objects.values_list("code", "name_cy"))
    assert loaded == welsh
    assert loaded["long_term"] == "Hirdymor"
    for level in PracticeLevel.objects.all():
        assert level.audience_en and len(level.good_practice) >= 4


def test_loading_the_same_file_twice_changes_nothing():
    before = {
        model: list(model.objects.order_by("pk").values())
        for model in (FrameworkVersion, Domain, Principle, PracticeLevel)
    }
    report = framework_content_load(path=SHIPPED)
    assert not report.changed
    assert report.created == report.updated == report.retired == 0
    # the version; 6 domains, 5 principles, 4 levels, 6 readiness themes, 5 ways of working,
    # 7 goals; 48 indicators and 18 readiness items; 44 feedback statements
    assert report.unchanged == 1 + 6 + 5 + 4 + 6 + 5 + 7 + 48 + 18 + 44
    after = {
        model: list(model.objects.order_by("pk").values())
        for model in (FrameworkVersion, Domain, Principle, PracticeLevel)
    }
    for model, rows in before.items():
        strip = [{k: v for k, v in row.items() if k != "loaded_at"} for row in rows]
        assert strip == [{k: v for k, v in r.items() if k != "loaded_at"} for r in after[model]]


def test_edited_text_updates_in_place_keeping_primary_keys(tmp_path):
    domain = Domain.objects.get(code="policy")

    def edit(data):
        data["domains"][1]["name_en"] = "Policies, procedures and letters"
        data["domains"][1]["name_cy"] = "Polisïau a gweithdrefnau"

    report = framework_content_load(path=write_variant(tmp_path, edit))

    assert report.updated == 1 and report.created == 0
    reloaded = Domain.objects.get(pk=domain.pk)
    assert reloaded.code == "policy"
    assert reloaded.name_en == "Policies, procedures and letters"
    assert reloaded.name_cy == "Polisïau a gweithdrefnau"


def test_an_item_removed_from_the_file_is_retired_not_deleted(tmp_path):
    goal = WellbeingGoal.objects.get(code="globally_responsible")

    report = framework_content_load(
        path=write_variant(tmp_path, lambda data: data["wellbeing_goals"].pop())
    )

    assert report.retired == 1
    goal.refresh_from_db()
    assert goal.is_active is False
    # and coming back restores it
    framework_content_load(path=SHIPPED)
    goal.refresh_from_db()
    assert goal.is_active is True


def test_a_new_framework_version_becomes_current_and_leaves_the_old_one(tmp_path):
    old = FrameworkVersion.objects.current()
    old_domain_pks = set(Domain.objects.filter(framework=old).values_list("pk", flat=True))

    def new_version(data):
        data["version"]["code"] = "tiw-2027-v2"
        data["version"]["published"] = "2027-04-01"

    framework_content_load(path=write_variant(tmp_path, new_version))

    assert FrameworkVersion.objects.current().code == "tiw-2027-v2"
    assert set(Domain.objects.filter(framework=old).values_list("pk", flat=True)) == old_domain_pks
    assert Domain.objects.filter(framework__code="tiw-2027-v2").count() == 6
    new_indicators = Indicator.objects.filter(framework__code="tiw-2027-v2")
    assert new_indicators.count() == Indicator.objects.filter(framework=old).count()
    # tags point at the new version's principles, never the old one's
    assert not new_indicators.filter(principles__framework=old).exists()
    assert new_indicators.filter(principles__framework__code="tiw-2027-v2").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("version"), "version"),
        (lambda d: d["domains"][0].pop("code"), "needs a 'code'"),
        (lambda d: d["domains"][0].pop("name_cy"), "missing 'name_cy'"),
        (lambda d: d["principles"][0].update(name_en=""), "must not be empty"),
        (lambda d: d["domains"][1].update(code="leadership"), "codes must be unique"),
        (lambda d: d["domains"][0].update(examples="not a list"), "must be a list"),
    ],
)
def test_a_malformed_file_is_refused_and_changes_nothing(tmp_path, change, message):
    before = list(Domain.objects.order_by("pk").values_list("pk", "code", "name_en"))
    with pytest.raises(ContentFileError, match=message):
        framework_content_load(path=write_variant(tmp_path, change))
    assert list(Domain.objects.order_by("pk").values_list("pk", "code", "name_en")) == before


def test_the_management_command_reports_what_it_did(capsys):
    call_command("load_framework_content")
    assert "0 created, 0 updated, 144 unchanged, 0 retired" in capsys.readouterr().out


def _texts(node, where=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for position, value in enumerate(node):
            yield from _texts(value, f"{where}[{position}]")
    elif isinstance(node, str):
        yield where, node


def test_no_word_is_broken_where_a_folded_line_ends():
    """YAML's folded text turns "trauma-" at the end of a line and "informed" on the next
    into "trauma- informed", on pages and in the PDF: the file must not break a word there."""
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    broken = [(where, text) for where, text in _texts(data) if re.search(r"\w- \w", text)]
    assert broken == []
