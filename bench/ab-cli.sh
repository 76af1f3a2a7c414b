#!/usr/bin/env bash
# Two CLI builds side by side on the same data: `backfill run JOB --json`, interleaved (A, B, A, B, ...),
# each run on a fresh copy of a template kept by the benchmark (--keep). Prints wall and user CPU of each
# process, the engine's own loop time, and the medians. Machines are noisy: compare medians of one call.
#
#   bench/ab-cli.sh A.dll B.dll sqlite /tmp/backfill-bench-sqlite-XXXX/template.db [runs] [job]
#   bench/ab-cli.sh A.dll B.dll postgres bench_..._text_1000000 [runs] [job]   # PGHOST, PGPORT, PGUSER: the server
#
# Builds to compare: `./backfill --version` leaves the current one in artifacts/cli/backfill.dll; an older
# commit's: `git worktree add /tmp/old REV && /tmp/old/backfill --version` (then /tmp/old/artifacts/cli/backfill.dll);
# a JIT-only build: `dotnet build src/Backfill.Cli -c Release -o /tmp/jit`.
set -euo pipefail
if [ $# -lt 4 ]; then sed -n 2,11p "$0"; exit 2; fi
a="$1"; b="$2"; kind="$3"; template="$4"; runs="${5:-3}"; job="${6:-tier-a}"
for dll in "$a" "$b"; do [ -f "$dll" ] || { echo "ab-cli: no such build: $dll" >&2; exit 2; }; done
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

one() { # label dll
  local db
  if [ "$kind" = sqlite ]; then
    db="$work/run.db"; cp "$template" "$db"
  else
    psql -Atq -c "CREATE DATABASE ab_cli_copy TEMPLATE \"$template\" STRATEGY FILE_COPY"
    db="Host=${PGHOST:-localhost};Port=${PGPORT:-5432};Username=${PGUSER:-postgres};Database=ab_cli_copy"
  fi
  sync
  /usr/bin/time -o "$work/time" -f "%e %U" dotnet "$2" run "$job" --db "$db" --json >"$work/out.json"
  read -r wall user <"$work/time"
  loop=$(python3 -c "import json,sys; e=json.load(open(sys.argv[1]))['elapsed']; h,m,s=e.split(':'); print(round(int(h)*3600+int(m)*60+float(s),2))" "$work/out.json")
  echo "$1 $wall $user $loop $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$work/all"
  if [ "$kind" = sqlite ]; then rm -f "$db" "$db-wal" "$db-shm"; else psql -Atq -c "DROP DATABASE ab_cli_copy"; fi
}

echo "build wall_s user_cpu_s loop_s load1"
for _ in $(seq "$runs"); do one A "$a"; one B "$b"; done
python3 - "$work/all" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for label in "AB":
    mine = [r for r in rows if r[0] == label]
    med = lambda i: statistics.median(float(r[i]) for r in mine)
    print(f"median {label}: wall {med(1):.2f} s, user CPU {med(2):.2f} s, loop {med(3):.2f} s, wall - loop {med(1) - med(3):.2f} s")
EOF
