"""The layers contract (.importlinter, docs/adr/0009): apps import only from their own
layer or below. Shown to hold today and to fail on a deliberately wrong import.

The wrong import is written into a copy of the project in a temporary folder, never
into the tree itself, where a test running beside it would see it."""

import configparser
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

from django.conf import settings


def lint_imports(root: Path = settings.BASE_DIR) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def copy_of_project(destination: Path) -> Path:
    config = configparser.ConfigParser()
    config.read(settings.BASE_DIR / ".importlinter")
    for package in config["importlinter"]["root_packages"].split():
        shutil.copytree(
            settings.BASE_DIR / package,
            destination / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.po", "*.mo", "static", "templates"),
        )
    shutil.copy(settings.BASE_DIR / ".importlinter", destination / ".importlinter")
    return destination


def test_the_layers_hold():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_the_copy_holds_before_the_wrong_import(tmp_path):
    assert lint_imports(copy_of_project(tmp_path)).returncode == 0


def test_an_upward_import_breaks_the_contract(tmp_path):
    root = copy_of_project(tmp_path)
    probe = root / "assessments" / f"_layer_probe_{uuid.uuid4().hex}.py"
    probe.write_text("import reports.views  # an assessment must not know the report\n")
    result = lint_imports(root)
    assert result.returncode != 0
    assert "assessments is not allowed to import reports" in result.stdout
