#!/usr/bin/env bash
# Schemathesis against the release binary, as an operator runs it: the API's
# own OpenAPI document (/api/v1/openapi.json) drives generated requests for
# 60 s in all, and any failure of the four checks fails CI. First without a
# token (20 s), then as a moderator (40 s; every call but DELETE /session,
# which would end the token the rest of the run needs). A fresh PostgreSQL
# database with the demo letters, rate limits off so that calls reach their
# logic; dropped afterwards.
#
# Run by .ci/run after `cargo build --release`; by hand:
#   bash tests/tools/schemathesis.sh   (needs tests/tools/venv, see .ci/run)
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=target/release/undersigned
ST=tests/tools/venv/bin/schemathesis
PORT="${SCHEMATHESIS_PORT:-8765}"
BASE="http://127.0.0.1:$PORT"
DB="undersigned_schemathesis_$$"
WORK="$(mktemp -d)"
PSQL=(psql -h 127.0.0.1 -U postgres -d postgres -qX -v ON_ERROR_STOP=1)
PID=""

cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"${PSQL[@]}" -c "CREATE DATABASE $DB"
export ROCKET_PROFILE=release ROCKET_ADDRESS=127.0.0.1 ROCKET_PORT="$PORT"
export ROCKET_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export ROCKET_MAIL_DIR="$WORK/mail" ROCKET_PUBLIC_URL="$BASE"
export ROCKET_SECRET_KEY="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')"
export ROCKET_DEMO=true ROCKET_RATE_LIMITS=false
PASSWORD="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"

"$BIN" migrate
UNDERSIGNED_PASSWORD="$PASSWORD" "$BIN" user add --email schemathesis@example.org --role moderator
"$BIN" > "$WORK/service.log" 2>&1 &
PID=$!
for _ in $(seq 1 60); do
  curl -fs "$BASE/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$BASE/healthz" >/dev/null

TOKEN="$(curl -fs -X POST "$BASE/api/v1/session" -H 'Content-Type: application/json' \
  -d "{\"email\":\"schemathesis@example.org\",\"password\":\"$PASSWORD\"}" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"

CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
status=0
"$ST" run "$BASE/api/v1/openapi.json" --url "$BASE/api/v1" --checks "$CHECKS" \
  --max-time 20 --no-color || status=1
"$ST" run "$BASE/api/v1/openapi.json" --url "$BASE/api/v1" --checks "$CHECKS" \
  --max-time 40 --no-color -H "Authorization: Bearer $TOKEN" \
  --exclude-operation-id delete-session || status=1
if [ "$status" -ne 0 ]; then
  echo "schemathesis found failures; the service's log:"
  grep -E "panicked|ERROR" "$WORK/service.log" | tail -n 40 || true
fi
exit "$status"
