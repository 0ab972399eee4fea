#!/usr/bin/env bash
# Load benchmark of `meldpunt serve` on loopback with wrk: intake, case read and register search,
# on SQLite and PostgreSQL, with a register of N cases. Prints wrk's figures and the server's peak
# memory; docs/performance.md records them.
# Usage: bench/run-load.sh sqlite|postgres N [DURATION_SECONDS]
set -euo pipefail
backend=$1; n=$2; duration=${3:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/default
port=18190
source "$root/bench/database.sh"
bench_database "$backend" 15433

"$bin/meldpunt" org create --db "$db" --id focus --procedure "$root/policies/focus.toml" >/dev/null
token=$("$bin/meldpunt" user create --db "$db" --org focus --email bench@focus.nl --name Bench --role manager)
"$bin/seed_register" "$db" focus "$n"

"$bin/meldpunt" serve --db "$db" --listen 127.0.0.1:$port --threads 8 >"$work/serve.log" 2>&1 &
server=$!
pids+=($server)
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
