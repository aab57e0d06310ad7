#!/usr/bin/env bash
# Load test: reading a study result, 64 connections, 10 seconds, loopback only.
#
#   Benchmarks/loadtest/run.sh            # uses the release build (builds it if missing)
#   CONFIG=debug Benchmarks/loadtest/run.sh
#
# Starts guarantor-server on 127.0.0.1 with a throw-away SQLite database, runs
# one small study, then points wrk (Debian: apt-get install wrk) at
# GET /api/studies/ID/result for DURATION seconds with CONNECTIONS connections.
# Prints requests per second, p99 latency and the count of failed requests
# (socket errors plus non-2xx answers). Stops the server it started, always.
set -euo pipefail
cd "$(dirname "$0")/../.."

CONFIG=${CONFIG:-release}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10}
THREADS=${WRK_THREADS:-2}
PORT=${PORT:-18080}
HOST=127.0.0.1   # loopback only, by design

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
swift build -c "$CONFIG" --product guarantor-server >/dev/null
BIN="$(swift build -c "$CONFIG" --show-bin-path)/guarantor-server"

WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

TOKEN=$("$BIN" token create --name loadtest --db "$WORK/guarantor.sqlite")
"$BIN" serve --host "$HOST" --port "$PORT" --db "$WORK/guarantor.sqlite" --scenarios scenarios >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fs "http://$HOST:$PORT/api/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "http://$HOST:$PORT/api/health" >/dev/null || { echo "server did not start:"; cat "$WORK/server.log"; exit 1; }

ID=$(curl -fs -X POST "http://$HOST:$PORT/api/studies" -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' -d '{"scenario":"nato-article5","runs":200,"seed":1}' \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for _ in $(seq 1 600); do
  STATUS=$(curl -fs "http://$HOST:$PORT/api/studies/$ID" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  [ "$STATUS" = succeeded ] && break
  [ "$STATUS" = failed ] || [ "$STATUS" = cancelled ] && { echo "study $STATUS"; exit 1; }
  sleep 0.5
done
[ "$STATUS" = succeeded ] || { echo "study did not finish"; exit 1; }
BYTES=$(curl -fs "http://$HOST:$PORT/api/studies/$ID/result" | wc -c)

echo "guarantor-server ($CONFIG build), GET /api/studies/$ID/result ($BYTES bytes), $CONNECTIONS connections, ${DURATION}s, wrk -t$THREADS, $(nproc) cores shared by server and wrk"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 10s "http://$HOST:$PORT/api/studies/$ID/result" | tee "$WORK/wrk.txt"

RPS=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt")
P99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$WORK/wrk.txt"); NON2XX=${NON2XX:-0}
SOCKET=$(awk -F'[ ,]+' '/Socket errors:/ {print $4+$6+$8+$10}' "$WORK/wrk.txt"); SOCKET=${SOCKET:-0}
echo
echo "summary: requests/s $RPS, p99 latency $P99, failed requests $((NON2XX + SOCKET)) (non-2xx $NON2XX, socket errors $SOCKET)"
[ $((NON2XX + SOCKET)) -eq 0 ]
