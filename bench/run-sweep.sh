#!/usr/bin/env bash
# Sweep benchmark: a register of N open cases of which 1 in 100 is due for review; times one
# `meldpunt sweep` over it, and the case reads a server answers in the seconds a sweep runs beside
# it against the same seconds without one. docs/performance.md records the figures.
# Usage: bench/run-sweep.sh sqlite|postgres N
set -euo pipefail
backend=$1; n=$2
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/default
port=18191
source "$root/bench/database.sh"
bench_database "$backend" 15435

"$bin/meldpunt" org create --db "$db" --id focus --procedure "$root/policies/focus.toml" >/dev/null
"$bin/meldpunt" user create --db "$db" --org focus --email bench@focus.nl --name Bench --role manager >/dev/null
"$bin/meldpunt" user create --db "$db" --org focus --email kwaliteit@focus.nl --name Kwaliteit \
  --role quality_manager >/dev/null
"$bin/meldpunt" user create --db "$db" --org focus --email directie@focus.nl --name Directie \
  --role director >/dev/null
seed() {
  "$bin/seed_register" "$1" focus "$n" 100 2>/dev/null
}
seed "$db"
moment=2027-01-04T08:00:00+01:00
echo "== $backend, $n cases, 1 in 100 due: one sweep on its own"
/usr/bin/time -f "elapsed %e s, peak memory %M kB" "$bin/meldpunt" sweep --db "$db" --at "$moment"

# A second register, swept while a server answers case reads from it.
bench_another_database second
"$bin/meldpunt" org create --db "$db" --id focus --procedure "$root/policies/focus.toml" >/dev/null
token=$("$bin/meldpunt" user create --db "$db" --org focus --email bench@focus.nl --name Bench --role manager)
"$bin/meldpunt" user create --db "$db" --org focus --email kwaliteit@focus.nl --name Kwaliteit \
  --role quality_manager >/dev/null
"$bin/meldpunt" user create --db "$db" --org focus --email directie@focus.nl --name Directie \
  --role director >/dev/null
seed "$db"
"$bin/meldpunt" serve --db "$db" --listen 127.0.0.1:$port --threads 8 --sweep-interval 0 >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
export MELDPUNT_TOKEN=$token MELDPUNT_REFERENCE=2026-0000001
echo "== case reads for 3 s, no sweep"
wrk -t2 -c32 -d3s --latency -s "$root/bench/read.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|99%"
echo "== case reads for 3 s, the same sweep beside them"
( sleep 0.2; /usr/bin/time -f "sweep beside the reads: elapsed %e s" "$bin/meldpunt" sweep --db "$db" --at "$moment" ) &
sweeping=$!
wrk -t2 -c32 -d3s --latency -s "$root/bench/read.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|99%"
wait $sweeping
