# Sourced by the benchmark scripts: a throw-away database for a run, removed when the script ends.
#   bench_database sqlite|postgres PG_PORT   sets $work (a temporary folder) and $db (its URL)
#   bench_another_database NAME              sets $db to a second database of the same kind
#   bench_copy_database NAME                 sets $db to a copy of the database $db names now
# A script that starts processes of its own sets $pids; they are killed at the end as well.
bench_database() {
  backend=$1
  bench_pg_port=$2
  work=$(mktemp -d /tmp/meldpunt-bench-XXXXXX)
  chmod 755 "$work"
  pids=()
  trap bench_cleanup EXIT
  if [ "$backend" = postgres ]; then
    chown postgres "$work"
    runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$work/pg" -A trust -U meldpunt --no-sync >/dev/null
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" -l "$work/pg.log" -w \
      -o "-p $bench_pg_port -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=512MB" start >/dev/null
  fi
  bench_another_database bench
}

bench_another_database() {
  if [ "$backend" = postgres ]; then
    runuser -u postgres -- psql -h 127.0.0.1 -p "$bench_pg_port" -U meldpunt -d postgres -qc "CREATE DATABASE $1"
    db=postgresql://meldpunt@127.0.0.1:$bench_pg_port/$1
  else
    db=$work/$1.db
  fi
}

bench_copy_database() {
  if [ "$backend" = postgres ]; then
    runuser -u postgres -- psql -h 127.0.0.1 -p "$bench_pg_port" -U meldpunt -d postgres \
      -qc "CREATE DATABASE $1 TEMPLATE ${db##*/} STRATEGY = FILE_COPY"
    db=postgresql://meldpunt@127.0.0.1:$bench_pg_port/$1
  else
    cp "$db" "$work/$1.db"
    db=$work/$1.db
  fi
  sync  # the copy reaches the disk before anything is timed
}

bench_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ "$backend" = postgres ]; then
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
