"""The layers contract (.importlinter, docs/adr/0009): apps import only from their own
layer or below. Shown to hold today and to fail on a deliberately wrong import."""

import subprocess
import sys
import uuid
from pathlib import Path

from django.conf import settings


def lint_imports() -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_layers_hold():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_an_upward_import_breaks_the_contract():
    probe = settings.BASE_DIR / "assessments" / f"_layer_probe_{uuid.uuid4().hex}.py"
    probe.write_text("import reports.views  # an assessment must not know the report\n")
    try:
        result = lint_imports()
    finally:
        probe.unlink()
    assert result.returncode != 0
    assert "assessments is not allowed to import reports" in result.stdout
