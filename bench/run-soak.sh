#!/usr/bin/env bash
# Soak of `meldpunt serve` under abuse (issue 15): for DURATION seconds a steady load of case reads
# (16 connections, one request per 20 ms each: ~800/s) and intakes (4 connections, one per 50 ms
# each: ~80/s) runs while abusive clients, each from a loopback address of its own (bench/abuse.py),
# hold idle connections, send request heads a byte at a time, post wrong passwords and upload 10 MB
# files to the public form. Prints the steady load's latency (wrk --latency: p50, p99), what the
# abusers met, the server's memory over time, and checks that every intake answered 201 is in the
# register. docs/performance.md records the figures.
# Usage: bench/run-soak.sh sqlite|postgres [DURATION_SECONDS] [N_CASES]
set -euo pipefail
backend=$1; duration=${2:-1800}; n=${3:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/default
port=18191
source "$root/bench/database.sh"
bench_database "$backend" 15434

"$bin/meldpunt" org create --db "$db" --id focus --procedure "$root/policies/focus.toml" >/dev/null
token=$("$bin/meldpunt" user create --db "$db" --org focus --email bench@focus.nl --name Bench --role manager)
"$bin/seed_register" "$db" focus "$n"

# The steady load comes from 127.0.0.1, each abuser from an address of its own (bench/abuse.py).
"$bin/meldpunt" serve --db "$db" --listen 127.0.0.1:$port --threads 8 --public-url http://127.0.0.1:$port \
  >"$work/serve.log" 2>&1 &
server=$!
pids+=($server)
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

( while kill -0 $server 2>/dev/null; do
    echo "$(date +%s) $(grep VmRSS /proc/$server/status | awk '{print $2}')"; sleep 60
  done ) >"$work/memory.log" &
pids+=($!)

python3 "$root/bench/abuse.py" $port "$duration" >"$work/abuse.json" &
abuse=$!
export MELDPUNT_TOKEN=$token MELDPUNT_REFERENCE=2026-0000001
MELDPUNT_PACE_MS=20 wrk -t1 -c16 -d${duration}s --timeout 10s --latency -s "$root/bench/read.lua" \
  "http://127.0.0.1:$port" >"$work/read.txt" &
reads=$!
MELDPUNT_PACE_MS=50 wrk -t1 -c4 -d${duration}s --timeout 10s --latency -s "$root/bench/intake.lua" \
  "http://127.0.0.1:$port" >"$work/intake.txt"
wait $reads $abuse

echo "== $backend, $n cases, ${duration}s under abuse: case reads"
grep -E "Requests/sec|  50%|  99%|Socket errors|Non-2xx|requests in" "$work/read.txt"
echo "== intakes"
grep -E "Requests/sec|  50%|  99%|Socket errors|Non-2xx|requests in" "$work/intake.txt"
echo "== what the abusers met"
cat "$work/abuse.json"
echo "== server memory (kB) at the start and each minute; peak $(grep VmHWM /proc/$server/status)"
awk 'NR==1 || NR%5==0 {print "  " $2}' "$work/memory.log" | paste -sd' '
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && echo "== server still answers"

# No intake lost: every 201 is a case in the register (seeded + created), and nothing else is.
answered=$(awk '/requests in/ {print $1}' "$work/intake.txt")
refused=$(awk '/Non-2xx/ {print $5}' "$work/intake.txt"); refused=${refused:-0}
created=$((answered - refused))
kill $server; wait $server 2>/dev/null || true
if [ "$backend" = postgres ]; then
  stored=$(runuser -u postgres -- psql -h 127.0.0.1 -p 15434 -U meldpunt -d bench -tAc "SELECT COUNT(*) FROM cases")
else
  stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM cases').fetchone()[0])" "$db")
fi
# The abusers' uploads that were accepted filed cases too.
uploaded=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get('upload',{}).get('303',0))" "$work/abuse.json")
echo "== intakes answered 201: $created; cases stored: $stored = $n seeded + $created + $uploaded from the public form?"
[ "$stored" -ge $((n + created)) ] && echo "== no intake lost" || { echo "== INTAKES LOST"; exit 1; }
