"""mypy over the apps, against a recorded baseline that may only shrink (docs/adr/0008).

    scripts/typecheck                  fail on any error that is not in mypy-baseline.txt
    scripts/typecheck --update         rewrite the baseline when it only shrinks
    scripts/typecheck --update --force rewrite it even when it grows (say why in the commit)

An error is recorded by file, error code and message, without its line number, so moving
code about does not change the baseline; the same message twice in a file is two entries.
What mypy checks (files, plugins, options) is in pyproject.toml's [tool.mypy].
"""

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.txt"
HEADER = """\
# mypy errors we have not fixed yet, one per line as "file: [code] message", sorted.
# It may only shrink: scripts/typecheck fails on any error not listed here, and
# `scripts/typecheck --update` rewrites it (refusing to add errors unless --force).
"""

Key = tuple[str, str, str]  # file, code, message


def normalise(message: str) -> str:
    """Drop line numbers inside messages ('already defined on line 12')."""
    return re.sub(r"\bline \d+", "line N", message)


def run_mypy(extra: list[str]) -> tuple[Counter[Key], dict[Key, list[str]]]:
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-m", "mypy", "--output", "json", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1):
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit(f"mypy did not run (exit {result.returncode})")
    found: Counter[Key] = Counter()
    where: dict[Key, list[str]] = {}
    for line in result.stdout.splitlines():
        if not line.startswith("{"):
            continue
        error = json.loads(line)
        if error["severity"] != "error":
            continue
        key = (error["file"], error["code"] or "misc", normalise(error["message"]))
        found[key] += 1
        where.setdefault(key, []).append(f"{error['file']}:{error['line']}")
    if result.returncode == 1 and not found:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit("mypy failed without reporting errors")
    return found, where


def as_line(key: Key) -> str:
    file, code, message = key
    return f"{file}: [{code}] {message}"


def read_baseline() -> Counter[Key]:
    recorded: Counter[Key] = Counter()
    if not BASELINE.exists():
        return recorded
    for line in BASELINE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r"(.+?): \[([a-z0-9-]+)\] (.*)", line)
        if not match:
            sys.exit(f"{BASELINE.name}: cannot read {line!r}")
        recorded[match.group(1), match.group(2), match.group(3)] += 1
    return recorded


def write_baseline(found: Counter[Key]) -> None:
    lines = sorted(as_line(key) for key in found.elements())
    BASELINE.write_text(HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the baseline")
    parser.add_argument("--force", action="store_true", help="with --update: let it grow")
    options, extra = parser.parse_known_args()

    found, where = run_mypy(extra)
    recorded = read_baseline()
    new = found - recorded
    gone = recorded - found
    total = sum(found.values())

    if new:
        print(f"mypy: {sum(new.values())} error(s) not in {BASELINE.name}:")
        for key in sorted(new):
            places = ", ".join(where[key])
            print(f"  {places}: [{key[1]}] {key[2]}")
    if options.update:
        if new and not options.force:
            print(f"Not updating {BASELINE.name}: it would grow. Fix the errors above,")
            print("or add --force (and say why in the commit).")
            return 1
        write_baseline(found)
        print(f"{BASELINE.name} now has {total} error(s) (was {sum(recorded.values())}).")
        return 0
    if gone:
        print(f"mypy: {sum(gone.values())} error(s) in {BASELINE.name} are fixed; shrink it")
        print("with `scripts/typecheck --update` and commit it:")
        for key in sorted(gone):
            print(f"  {as_line(key)}")
    if new:
        print("Fix them, or (rarely, saying why) record them: scripts/typecheck --update --force")
        return 1
    print(f"mypy: no new errors ({total} recorded in {BASELINE.name}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
