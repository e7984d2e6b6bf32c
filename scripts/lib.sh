# Shared set-up steps for scripts/run and scripts/test. Each step is idempotent and fast
# when there is nothing to do, so both commands can be run again at any time.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

say() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to run: $*" >&2; return 1; fi
}

apt_install() {
  # apt_install PACKAGE... : install Debian packages that are missing.
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing system packages: ${missing[*]}"
  # Waits up to two minutes for another apt (an unattended upgrade) to finish.
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 -qq)
  if ! { as_root "${apt[@]}" update && as_root "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null; }; then
    echo "Could not install ${missing[*]} with apt-get. It needs root (or sudo), and no other" >&2
    echo "apt running. Without root, ask an administrator to run once:" >&2
    echo "  apt-get install ${missing[*]}" >&2
    echo "then run this command again: it skips what is already installed." >&2
    return 1
  fi
}

pdf_libraries() {
  # WeasyPrint (the PDF board report) draws text with Pango; the report uses Liberation Sans.
  apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation
}

base_python() {
  # Debian's Python 3.11 when the machine has it: it is built with profile-guided
  # optimisation, and renders the board report's PDF (pure-Python WeasyPrint) and runs the
  # suite about 12% faster than a default pyenv or source build (docs/adr/0007).
  if [ -x /usr/bin/python3.11 ]; then
    apt_install python3.11-venv >&2
    echo /usr/bin/python3.11
  else
    command -v python3
  fi
}

python_env() {
  # python_env EXTRAS : a virtualenv with the pinned dependencies (requirements.txt, or
  # requirements-EXTRAS.txt), then the project itself, editable and without dependencies.
  # Installs again when the lockfile or pyproject.toml changes (./scripts/lock pins them).
  local extras="${1:-}" lock="requirements.txt" python
  [ -n "$extras" ] && lock="requirements-$extras.txt"
  python="$(base_python)"
  if [ -x "$PY" ] && ! grep -qx "executable = $python" "$VENV/pyvenv.cfg" 2>/dev/null; then
    say "Making .venv again with $python"
    rm -rf "$VENV"
  fi
  if [ ! -x "$PY" ]; then
    say "Creating the Python virtual environment in .venv ($python)"
    "$python" -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-${extras:-base}" wanted
  wanted="$(cd "$ROOT" && sha256sum "$lock" pyproject.toml)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    say "Installing Python packages ($lock, then the project)"
    "$PY" -m pip install -q --disable-pip-version-check --upgrade pip
    # --no-compile: Python compiles what it imports on first use; compiling every module of
    # every package here (mypy's, Faker's locales, Playwright's) took half the install time.
    "$PY" -m pip install -q --disable-pip-version-check --no-compile -r "$ROOT/$lock"
    "$PY" -m pip install -q --disable-pip-version-check --no-deps -e "$ROOT"
    local broken
    if [ -z "${LOCKING:-}" ] && ! broken="$("$PY" -m pip check --disable-pip-version-check 2>&1)"; then
      printf '%s\n%s does not satisfy pyproject.toml: run ./scripts/lock and commit it\n' \
        "$broken" "$lock" >&2
      return 1
    fi
    printf '%s\n' "$wanted" >"$stamp"
  fi
}

frontend() {
  # GOV.UK Frontend from npm, compiled with our settings into static/build/.
  cd "$ROOT"
  if [ ! -d node_modules/govuk-frontend ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installing front-end packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  if [ ! -f static/build/app.css ] || [ -n "$(find static/scss -newer static/build/app.css -print -quit)" ]; then
    say "Building the stylesheet"
    npm run --silent build
  fi
}
