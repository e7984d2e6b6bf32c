# Start a throwaway PostgreSQL server for the tests: a temporary data directory, a Unix
# socket in it and no TCP listener. `pg_start` exports DATABASE_URL; `pg_stop` removes it all.

PG_DIR=""

pg_available() { command -v initdb >/dev/null && command -v pg_ctl >/dev/null; }

pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home postgres
  fi
  PG_DIR="$(mktemp -d /tmp/trauma-wales-pg.XXXXXX)"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  pg_as_owner initdb -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log"
  pg_as_owner pg_ctl -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-c listen_addresses='' -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  export DATABASE_URL="postgres://postgres@/trauma_wales?host=$PG_DIR"
}

pg_stop() {
  [ -n "$PG_DIR" ] || return 0
  pg_as_owner pg_ctl -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}

# A database with every migration applied, for the test processes to copy (the test
# settings read DATABASE_TEST_TEMPLATE). Nothing may stay connected to it.
pg_migrated_template() {
  local name="$1"
  createdb -h "$PG_DIR" -U postgres "$name"
  DATABASE_URL="postgres://postgres@/$name?host=$PG_DIR" "$PY" manage.py migrate -v0
}
