#!/usr/bin/env bash
# Load benchmark of `meldpunt serve` on loopback with wrk: intake, case read and register search,
# on SQLite and PostgreSQL, with a register of N cases. Prints wrk's figures and the server's peak
# memory; docs/performance.md records them.
# Usage: bench/run-load.sh sqlite|postgres N [DURATION_SECONDS]
set -euo pipefail
backend=$1; n=$2; duration=${3:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/default
work=$(mktemp -d /tmp/meldpunt-bench-XXXXXX)
chmod 755 "$work"
port=18190
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  if [ "$backend" = postgres ]; then
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$backend" = postgres ]; then
  chown postgres "$work"
  runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$work/pg" -A trust -U meldpunt --no-sync >/dev/null
  runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" -l "$work/pg.log" -w \
    -o "-p 15433 -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=512MB" start >/dev/null
  runuser -u postgres -- psql -h 127.0.0.1 -p 15433 -U meldpunt -d postgres -qc 'CREATE DATABASE bench'
  db=postgresql://meldpunt@127.0.0.1:15433/bench
else
  db=$work/meldpunt.db
fi

"$bin/meldpunt" org create --db "$db" --id focus --procedure "$root/policies/focus.toml" >/dev/null
token=$("$bin/meldpunt" user create --db "$db" --org focus --email bench@focus.nl --name Bench --role manager)
"$bin/seed_register" "$db" focus "$n"

"$bin/meldpunt" serve --db "$db" --listen 127.0.0.1:$port --threads 8 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

export MELDPUNT_TOKEN=$token MELDPUNT_REFERENCE=2026-0000001
echo "== $backend, $n cases: case read"
wrk -t2 -c32 -d${duration}s --latency -s "$root/bench/read.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|50%|99%"
echo "== $backend, $n cases: register search"
wrk -t2 -c8 -d${duration}s --latency -s "$root/bench/search.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|50%|99%"
echo "== $backend, $n cases: intake"
wrk -t2 -c32 -d${duration}s --latency -s "$root/bench/intake.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|50%|99%|Non-2xx"
echo "== $backend, $n cases: register search, after the intakes"
wrk -t2 -c8 -d${duration}s --latency -s "$root/bench/search.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|50%|99%"
echo "== server peak memory: $(grep VmHWM /proc/$server/status)"
