#!/usr/bin/env bash
# Sweep benchmark: a register of N open cases of which 1 in 100 is due for review; times one
# `meldpunt sweep` over it, weeks after the intakes (each due case catches up with all its effects),
# and one on a register whose due cases came in the working day before (a day's sweep). Then, on a second register, the case reads a server answers in 3 s
# while its own sweep (the scheduler of `serve`, as of the real clock) runs, against the same 3 s
# without it; and on a third the same for intakes, which share the one writer with the sweep.
# docs/performance.md records the figures.
# Usage: bench/run-sweep.sh sqlite|postgres N
set -euo pipefail
backend=$1; n=$2
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/default
port=18191
source "$root/bench/database.sh"
bench_database "$backend" 15435

"$bin/meldpunt" org create --db "$db" --id focus --procedure "$root/policies/focus.toml" >/dev/null
token=$("$bin/meldpunt" user create --db "$db" --org focus --email bench@focus.nl --name Bench --role manager)
"$bin/meldpunt" user create --db "$db" --org focus --email kwaliteit@focus.nl --name Kwaliteit \
  --role quality_manager >/dev/null
"$bin/meldpunt" user create --db "$db" --org focus --email directie@focus.nl --name Directie \
  --role director >/dev/null
export MELDPUNT_TOKEN=$token
"$bin/seed_register" "$db" focus "$n" 100 2>/dev/null
sync  # the seeding's writes reach the disk before anything is timed
# The same register, unswept, for the reads and for the intakes below (seeding 10^6 cases on
# PostgreSQL takes minutes; a copy seconds).
seeded=$db
bench_copy_database second; second=$db
db=$seeded; bench_copy_database third; third=$db
db=$seeded
moment=2027-01-04T08:00:00+01:00
echo "== $backend, $n cases, 1 in 100 due: one sweep on its own, catching up since each intake"
/usr/bin/time -f "elapsed %e s, peak memory %M kB" "$bin/meldpunt" sweep --db "$db" --at "$moment"

# A day's sweep: the due cases were received the working day before (an effect or two each).
bench_another_database daily
"$bin/meldpunt" org create --db "$db" --id focus --procedure "$root/policies/focus.toml" >/dev/null
for role in manager quality_manager director; do
  "$bin/meldpunt" user create --db "$db" --org focus --email "$role@focus.nl" --name "$role" --role "$role" >/dev/null
done
"$bin/seed_register" "$db" focus "$n" 100 2027-01-04 2>/dev/null
sync
echo "== $backend, $n cases, 1 in 100 due: a day's sweep (the due cases received the working day before)"
/usr/bin/time -f "elapsed %e s, peak memory %M kB" "$bin/meldpunt" sweep --db "$db" --at 2027-01-05T08:00:00+01:00
db=$seeded

# A server on register $db; $1: its --sweep-interval (0: no sweep; else a sweep at once).
start_server() {
  "$bin/meldpunt" serve --db "$db" --listen 127.0.0.1:$port --threads 8 --sweep-interval "$1" \
    >"$work/serve.log" 2>&1 &
  server=$!
  pids+=($server)
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
}
stop_server() {
  kill "$server"; wait "$server" 2>/dev/null || true
}
# Waits (at most a minute) for the server's sweep to end and prints its log line.
sweep_line() {
  for _ in $(seq 1 600); do grep -q '"event":"sweep"' "$work/serve.log" && break; sleep 0.1; done
  grep '"event":"sweep"' "$work/serve.log" | head -1
}
# $1: what the requests are (a wrk script in bench/), $2: their name. 3 s of them on a server without
# a sweep, then 3 s on one whose own sweep runs beside them.
beside_the_sweep() {
  start_server 0
  echo "== $2 for 3 s, no sweep"
  wrk -t2 -c32 -d3s --latency -s "$root/bench/$1" "http://127.0.0.1:$port" | grep -E "Requests/sec|99%|Non-2xx"
  stop_server
  start_server 3600
  echo "== $2 for 3 s, the server's own sweep beside them"
  wrk -t2 -c32 -d3s --latency -s "$root/bench/$1" "http://127.0.0.1:$port" | grep -E "Requests/sec|99%|Non-2xx"
  sweep_line
  stop_server
}

db=$second
export MELDPUNT_REFERENCE=2026-0000001
beside_the_sweep read.lua "case reads"
db=$third
beside_the_sweep intake.lua intakes
