#!/usr/bin/env bash
# Delivery benchmark: N queued notices sent through the outbox to a local SMTP server (the tests'
# aiosmtpd sink, which writes every message to a file), on SQLite or PostgreSQL. docs/performance.md
# records the figures.
# Usage: bench/run-delivery.sh sqlite|postgres N [BATCH]
set -euo pipefail
backend=$1; n=$2
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/default
port=18225
source "$root/bench/database.sh"
bench_database "$backend" 15434

"$bin/meldpunt" org create --db "$db" --id focus --procedure "$root/policies/focus.toml" >/dev/null

/usr/bin/python3 "$root/tests/support/smtp_sink.py" $port "$work/mail" > "$work/sink.log" &
pids+=($!)
for _ in $(seq 1 100); do grep -q ready "$work/sink.log" 2>/dev/null && break; sleep 0.1; done
echo "== $backend: $n messages through the outbox"
"$bin/delivery_bench" "$db" "smtp://127.0.0.1:$port" "$n" ${3:-}
echo "== received by the SMTP server: $(ls "$work/mail" | grep -c '\.eml$')"
