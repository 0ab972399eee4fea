#!/usr/bin/env bash
# Sweep benchmark: a register of N open cases of which 1 in 100 is due for review; times one
# `meldpunt sweep` over it, and the case reads a server answers in the seconds a sweep runs beside
# it against the same seconds without one. docs/performance.md records the figures.
# Usage: bench/run-sweep.sh sqlite|postgres N
set -euo pipefail
backend=$1; n=$2
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/default
work=$(mktemp -d /tmp/meldpunt-bench-XXXXXX)
chmod 755 "$work"
port=18191
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
    -o "-p 15435 -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=512MB" start >/dev/null
  runuser -u postgres -- psql -h 127.0.0.1 -p 15435 -U meldpunt -d postgres -qc 'CREATE DATABASE bench'
  db=postgresql://meldpunt@127.0.0.1:15435/bench
else
  db=$work/meldpunt.db
fi
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
if [ "$backend" = postgres ]; then
  runuser -u postgres -- psql -h 127.0.0.1 -p 15435 -U meldpunt -d postgres -qc 'CREATE DATABASE bench2'
  db=postgresql://meldpunt@127.0.0.1:15435/bench2
else
  db=$work/second.db
fi
"$bin/meldpunt" org create --db "$db" --id focus --procedure "$root/policies/focus.toml" >/dev/null
token=$("$bin/meldpunt" user create --db "$db" --org focus --email bench@focus.nl --name Bench --role manager)
"$bin/meldpunt" user create --db "$db" --org focus --email kwaliteit@focus.nl --name Kwaliteit \
  --role quality_manager >/dev/null
"$bin/meldpunt" user create --db "$db" --org focus --email directie@focus.nl --name Directie \
  --role director >/dev/null
seed "$db"
"$bin/meldpunt" serve --db "$db" --listen 127.0.0.1:$port --threads 8 --sweep-interval 0 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
export MELDPUNT_TOKEN=$token MELDPUNT_REFERENCE=2026-0000001
echo "== case reads for 3 s, no sweep"
wrk -t2 -c32 -d3s --latency -s "$root/bench/read.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|99%"
echo "== case reads for 3 s, the same sweep beside them"
( sleep 0.2; /usr/bin/time -f "sweep beside the reads: elapsed %e s" "$bin/meldpunt" sweep --db "$db" --at "$moment" ) &
sweeping=$!
wrk -t2 -c32 -d3s --latency -s "$root/bench/read.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|99%"
wait $sweeping
