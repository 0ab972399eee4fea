#!/usr/bin/env bash
# The report of a year over a large register (bench/report_bench.cpp), on SQLite or PostgreSQL:
# N Focus cases received in 2026 and N/4 in 2025, then the report of 2026 made five times.
# With --from-states the same report counted case by case from their states, as before the register
# kept each case's figures. docs/performance.md records the figures.
# Usage: bench/run-report.sh sqlite|postgres N [--from-states]
set -euo pipefail
backend=$1; n=$2; how=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/default
source "$root/bench/database.sh"
bench_database "$backend" 15434

"$bin/meldpunt" org create --db "$db" --id focus --procedure "$root/policies/focus.toml" >/dev/null
token=$("$bin/meldpunt" user create --db "$db" --org focus --email kwaliteit@focus.nl --name Kwaliteit \
  --role quality_manager)
"$bin/report_bench" "$db" focus "$token" "$n" 2026 $how
if [ "$backend" = sqlite ]; then echo "== database file: $(du -h "$db" | cut -f1)"; fi
