#!/usr/bin/env bash
# A throwaway PostgreSQL on port 5433 configured as docs/scaling.md recommends, for benchmarks:
#   bash bench/tuned-postgres.sh && TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5433/postgres npm run bench
# Needs Debian's postgresql package; runs the server as the postgres user. `bash bench/tuned-postgres.sh stop` stops it.
set -euo pipefail
dir=${PGBENCH_DIR:-/var/tmp/pgbench}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
if [ "${1:-start}" = stop ]; then as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast stop; exit; fi
if [ ! -d "$dir/data" ]; then
  mkdir -p "$dir" && chown postgres "$dir"
  as_postgres "$bin/initdb" -D "$dir/data" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$dir/data/postgresql.conf" <<'CONF'
port = 5433
listen_addresses = '127.0.0.1'
shared_buffers = 4GB
effective_cache_size = 16GB
maintenance_work_mem = 1GB
work_mem = 32MB
max_wal_size = 16GB
min_wal_size = 2GB
checkpoint_timeout = 30min
checkpoint_completion_target = 0.9
wal_compression = on
wal_buffers = 64MB
random_page_cost = 1.1
effective_io_concurrency = 200
CONF
fi
as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w status >/dev/null 2>&1 || as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start >/dev/null
echo "PostgreSQL with the recommended settings: postgres://postgres@127.0.0.1:5433/postgres"
