#!/usr/bin/env bash
# The register's exports over a large register: N Focus cases (bench/seed_register), `meldpunt serve`,
# a member of staff logged in with curl, then the whole register downloaded as CSV and as a workbook.
# Prints each download's size and time and the server's memory before and after (VmRSS, VmHWM):
# the exports stream, so the server's peak should not grow with the register.
# Usage: bench/run-export.sh sqlite|postgres N
set -euo pipefail
backend=$1; n=$2
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/default
port=18191
source "$root/bench/database.sh"
bench_database "$backend" 15435

"$bin/meldpunt" org create --db "$db" --id focus --procedure "$root/policies/focus.toml" >/dev/null
echo "bench-wachtwoord-lang-genoeg" | "$bin/meldpunt" user create --db "$db" --org focus --email bench@focus.nl \
  --name Bench --role quality_manager --password-stdin >/dev/null
"$bin/seed_register" "$db" focus "$n"

"$bin/meldpunt" serve --db "$db" --listen 127.0.0.1:$port --threads 8 >"$work/serve.log" 2>&1 &
server=$!
pids+=($server)
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

jar=$work/cookies
curl -s -c "$jar" -o /dev/null "http://127.0.0.1:$port/login"
csrf=$(awk '$6 == "mp_csrf" { print $7 }' "$jar")
curl -s -b "$jar" -c "$jar" -o /dev/null -w "login: %{http_code}\n" \
  --data "csrf=$csrf&org=focus&email=bench%40focus.nl&password=bench-wachtwoord-lang-genoeg" "http://127.0.0.1:$port/login"
memory() { grep -E "VmRSS|VmHWM" /proc/$server/status | tr -s ' \t' ' ' | tr '\n' ' '; echo; }
echo "== server before: $(memory)"
for export in zaken.csv zaken.xlsx; do
  curl -s -b "$jar" -o "$work/$export" -w "$export: %{http_code}, %{size_download} bytes in %{time_total} s\n" \
    "http://127.0.0.1:$port/werk/$export"
  echo "== server after $export: $(memory)"
done
echo "== CSV lines: $(wc -l < "$work/zaken.csv")"
python3 -c "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print('== workbook rows:', z.read('xl/worksheets/sheet1.xml').count(b'<row '))" "$work/zaken.xlsx"
