# What bench/run and bench/fanout share: the release build, a fresh database,
# the SMTP sink, the service, seeding, and the mail report. Sourced.
PG=${PG:-postgres://postgres@127.0.0.1:5432}
DB=undersigned_bench
PORT=8088
SINK_PORT=2526
OUT=${OUT:-bench/out}
LOADGEN=bench/loadgen/target/release/undersigned-loadgen
APP=target/release/undersigned

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt "$OUT"/*.log

echo "== building (release)"
cargo build --release --quiet
cargo build --release --quiet --manifest-path bench/loadgen/Cargo.toml

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export ROCKET_DATABASE_URL="$PG/$DB"
"$APP" migrate >/dev/null 2>&1

"$LOADGEN" sink --port $SINK_PORT --log "$OUT/sink.log" & pids+=($!)

start_app() { # url port log
  ROCKET_PROFILE=release ROCKET_DATABASE_URL="$1" ROCKET_PORT="$2" ROCKET_ADDRESS=127.0.0.1 \
  ROCKET_SECRET_KEY="$(head -c 32 /dev/urandom | base64)" ROCKET_SMTP_URL="smtp://127.0.0.1:$SINK_PORT" \
  ROCKET_RATE_LIMITS=false ROCKET_PUBLIC_URL="http://127.0.0.1:$2" ROCKET_LOG_LEVEL=critical \
  RUST_LOG=warn "$APP" >"$3" 2>&1 & pids+=($!)
  APP_PID=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$2/healthz" >/dev/null && return; sleep 0.1; done
  echo "the service did not start:"; cat "$3"; exit 1
}
start_app "$PG/$DB" $PORT "$OUT/service.log"
PG_PID=$APP_PID
URL=http://127.0.0.1:$PORT
load() { "$LOADGEN" "$@" --url "$URL"; }

seed() { # slug signatures tokens
  psql "$PG/$DB" -q -v ON_ERROR_STOP=1 -v slug="$1" -v n="$2" -v tokens="$3" -f bench/seed.sql
}
letter_id() { psql "$PG/$DB" -Atc "SELECT id FROM letters WHERE slug = '$1'"; }
tokens_file() { # first count file
  seq "$1" "$2" | awk '{ printf "%43s\n", $1 }' | tr ' ' 'A' > "$3"
}

# Waits (up to 10 minutes) until the outbox has nothing pending.
wait_drained() {
  for _ in $(seq 600); do
    [ "$(psql "$PG/$DB" -Atc "SELECT COUNT(*) FROM outbox WHERE status = 'pending'")" = 0 ] && return; sleep 1
  done
}

# Waits (up to 30 minutes) until the signature log has appended every event
# waiting (seeding a million signatures queues a million), and writes how
# long that took and how fast, as JSON, to $1.
wait_logged() { # out.json
  local start end n
  n=$(psql "$PG/$DB" -Atc "SELECT COUNT(*) FROM log_pending")
  start=$(date +%s.%N)
  for _ in $(seq 1800); do
    [ "$(psql "$PG/$DB" -Atc "SELECT COUNT(*) FROM log_pending")" = 0 ] && break; sleep 1
  done
  end=$(date +%s.%N)
  python3 -c "import json,sys; n,s=int(sys.argv[1]),float(sys.argv[3])-float(sys.argv[2]); print(json.dumps({'entries':n,'seconds':round(s,1),'per_s':round(n/s) if s>0 else None,'left':int(sys.argv[4])}))" \
    "$n" "$start" "$end" "$(psql "$PG/$DB" -Atc "SELECT COUNT(*) FROM log_pending")" > "$1"
}

# Until killed, appends every half second how long (ms) the oldest event of
# letter $1 waiting for the signature log has waited (0: none waits) to $2.
lag_sampler() { # slug file
  local id; id=$(letter_id "$1")
  while :; do
    psql "$PG/$DB" -Atc "SELECT COALESCE((extract(epoch FROM clock_timestamp() - MIN(created_at)) * 1000)::bigint, 0) FROM log_pending WHERE letter_id = $id" >> "$2"
    sleep 0.5
  done
}

# The sink's arrivals as JSON: how many, how fast, and the commit-to-handoff
# delay of the mail queued between two moments (ms since the epoch).
mail_report() { # started_ms ended_ms
  psql "$PG/$DB" -q -v ON_ERROR_STOP=1 -At <<SQL
CREATE TEMP TABLE arrivals (at_ms bigint, id text);
\copy arrivals FROM '$OUT/sink.log' WITH (FORMAT text, DELIMITER ' ')
WITH m AS (
  SELECT a.at_ms, (extract(epoch FROM o.created_at) * 1000)::bigint AS queued_ms
  FROM arrivals a JOIN outbox o ON o.id::text = a.id
  WHERE o.created_at BETWEEN to_timestamp($1 / 1000.0) AND to_timestamp($2 / 1000.0)
), per_second AS (SELECT at_ms / 1000 AS s, COUNT(*) AS n FROM arrivals GROUP BY 1)
SELECT json_build_object(
  'delivered', (SELECT COUNT(*) FROM arrivals),
  'pending', (SELECT COUNT(*) FROM outbox WHERE status = 'pending'),
  'failed', (SELECT COUNT(*) FROM outbox WHERE status = 'failed'),
  'peak_per_s', (SELECT MAX(n) FROM per_second),
  'sustained_per_s', (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY n) FROM per_second WHERE n > 50),
  'handoff_p95_ms', (SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY at_ms - queued_ms) FROM m),
  'handoff_max_ms', (SELECT MAX(at_ms - queued_ms) FROM m),
  'handoff_samples', (SELECT COUNT(*) FROM m),
  'duplicates', (SELECT COUNT(*) - COUNT(DISTINCT id) FROM arrivals WHERE id NOT IN ('update', '?')));
SQL
}
