#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL pointing at a throwaway PostgreSQL
# cluster on loopback, created in a temp dir and removed afterwards.
# Needs Debian's postgresql package (apt-get install -y postgresql).
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/tuidang-pg.XXXXXX)
port=${TUIDANG_TEST_PG_PORT:-54329}
# initdb refuses to run as root; a throwaway cluster runs as the postgres user then.
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi

cleanup() {
  "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_owner[@]}" "$pg_bin/initdb" -D "$dir/data" -U tuidang --auth=trust --encoding=UTF8 --no-locale >/dev/null
# fsync off: a test cluster that dies is simply made again, and the suite runs faster.
# TUIDANG_TEST_PG_FSYNC=on makes commits durable, for benchmarks that compare durable paths.
"${as_owner[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=${TUIDANG_TEST_PG_FSYNC:-off} -c max_connections=200" start >/dev/null

export TEST_DATABASE_URL="postgres://tuidang@127.0.0.1:$port/postgres"
"$@"
