#!/usr/bin/env bash
# The full four-season nba pipeline (Phase 3 + Phase 4, --parallel 2) from the CLI on SQLite and on
# PostgreSQL: import, then `backfill run nba` timed as a whole process, RUNS times per store on a fresh
# database each; prints every time and the median. PostgreSQL: $BACKFILL_BENCH_PG (a URL of a server
# where databases may be created), else a throwaway cluster from the machine's binaries (initdb + pg_ctl,
# as the postgres user when run as root), removed at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$root/../shared/data/nba}"
runs="${RUNS:-3}"
range=(--start-date 2020-12-01 --end-date 2024-05-01 --parallel 2 --progress-every 100000)
work="$(mktemp -d /tmp/backfill-nba-bench.XXXXXX)"; chmod 777 "$work"
"$root/backfill" --help >/dev/null   # build once, outside the timings

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -f "$work/pg/postmaster.pid" ]; then as_pg "$(pg_config --bindir)/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
seconds() { local s=$(date +%s.%N); "$@" >"$work/last.out" 2>&1 || { cat "$work/last.out"; exit 1; }; echo "$(date +%s.%N) - $s" | bc; }

bench_store() {  # name, db-factory
  local name=$1 make=$2 times=()
  for i in $(seq "$runs"); do
    local db; db=$($make "$i")
    "$root/backfill" migrate --db "$db" >/dev/null
    local imp; imp=$(seconds "$root/backfill" import nba "$data" --db "$db")
    local t; t=$(seconds "$root/backfill" run nba "${range[@]}" --db "$db")
    local slots; slots=$(grep -o '[0-9,]* success, [0-9,]* failed, [0-9,]* skipped' "$work/last.out" | head -1)
    printf '%s run %d: import %.1f s, run nba %.1f s (%s)\n' "$name" "$i" "$imp" "$t" "$slots"
    times+=("$t")
  done
  printf '%s median of %d: %.1f s\n' "$name" "$runs" "$(printf '%s\n' "${times[@]}" | median)"
}

sqlite_db() { echo "$work/nba-$1.db"; }
bench_store SQLite sqlite_db

if [ -z "${BACKFILL_BENCH_PG:-}" ]; then
  bin="$(pg_config --bindir)"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_pg "$bin/initdb" -D "$work/pg" -U postgres --auth=trust >/dev/null
  as_pg "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -o "-p $port -k $work -c fsync=off -c synchronous_commit=off -c full_page_writes=off" -w start >/dev/null
  BACKFILL_BENCH_PG="postgres://postgres@127.0.0.1:$port/postgres"
fi
pg_db() {
  psql "$BACKFILL_BENCH_PG" -qc "DROP DATABASE IF EXISTS nba_bench_$1" -c "CREATE DATABASE nba_bench_$1" >/dev/null
  echo "${BACKFILL_BENCH_PG%/*}/nba_bench_$1"
}
bench_store PostgreSQL pg_db
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(psql "$BACKFILL_BENCH_PG" -tAc 'SHOW server_version')"
