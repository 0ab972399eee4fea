#!/usr/bin/env bash
# Delivery benchmark: N queued notices sent through the outbox to a local SMTP server (the tests'
# aiosmtpd sink, which writes every message to a file), on SQLite or PostgreSQL. docs/performance.md
# records the figures.
# Usage: bench/run-delivery.sh sqlite|postgres N [BATCH]
set -euo pipefail
backend=$1; n=$2
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/default
work=$(mktemp -d /tmp/meldpunt-bench-XXXXXX)
chmod 755 "$work"
port=18225
cleanup() {
  [ -n "${sink:-}" ] && kill "$sink" 2>/dev/null || true
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
    -o "-p 15434 -k $work -c listen_addresses=127.0.0.1" start >/dev/null
  runuser -u postgres -- psql -h 127.0.0.1 -p 15434 -U meldpunt -d postgres -qc 'CREATE DATABASE bench'
  db=postgresql://meldpunt@127.0.0.1:15434/bench
else
  db=$work/meldpunt.db
fi
"$bin/meldpunt" org create --db "$db" --id focus --procedure "$root/policies/focus.toml" >/dev/null

/usr/bin/python3 "$root/tests/support/smtp_sink.py" $port "$work/mail" > "$work/sink.log" &
sink=$!
for _ in $(seq 1 100); do grep -q ready "$work/sink.log" 2>/dev/null && break; sleep 0.1; done
echo "== $backend: $n messages through the outbox"
"$bin/delivery_bench" "$db" "smtp://127.0.0.1:$port" "$n" ${3:-}
echo "== received by the SMTP server: $(ls "$work/mail" | grep -c '\.eml$')"
