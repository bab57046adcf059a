#!/usr/bin/env bash
# Smoke test of the zero-setup default: start the built API with no DATABASE_URL (so it starts its
# embedded PostgreSQL in a throwaway folder), answer GraphQL, sign in as a demo user, stop cleanly,
# and start again (a later start reuses the data). Prints the start times.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${SMOKE_PORT:-3917}"
data="$(mktemp -d /tmp/art30-smoke.XXXXXX)"
chmod 755 "$data"   # the embedded server runs as OS user postgres, which must reach its folder
log="$data/api.log"
trap 'kill $(cat "$data/pid" 2>/dev/null) 2>/dev/null || true' EXIT

start() {
  local began; began=$(date +%s.%N)
  env -u DATABASE_URL PORT="$port" EMBEDDED_PG_DIR="$data/pg" EMBEDDED_PG_PORT=$((port + 1)) \
    scripts/node dist/apps/api/src/main.js >>"$log" 2>&1 &
  echo $! >"$data/pid"
  for _ in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      awk -v t0="$began" -v t1="$(date +%s.%N)" -v what="$1" 'BEGIN { printf "%s start: %.1f s\n", what, t1 - t0 }'
      return 0
    fi
    kill -0 "$(cat "$data/pid")" 2>/dev/null || { echo "api exited during start:"; tail -30 "$log"; exit 1; }
    sleep 0.5
  done
  echo "api did not become healthy in 120 s"; tail -30 "$log"; exit 1
}

stop() {
  local pid; pid=$(cat "$data/pid")
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then echo "api did not stop within 30 s"; exit 1; fi
  if pgrep -f "postgres -D $data/pg" >/dev/null; then echo "embedded PostgreSQL still running after stop"; exit 1; fi
}

gql() {
  curl -fs "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' "${@:2}" -d "$1"
}

start first
typename=$(gql '{"query":"{ __typename }"}')
[[ "$typename" == '{"data":{"__typename":"Query"}}' ]] || { echo "unexpected answer: $typename"; exit 1; }
health=$(curl -fs "http://127.0.0.1:$port/health")
[[ "$health" == *'"status":"ok"'* ]] || { echo "unexpected health: $health"; exit 1; }
signin=$(gql '{"query":"mutation { signIn(input: {tenant: \"cradeq\", email: \"dpo@cradeq.demo\", password: \"cradeq-demo-2026\"}) { token } }"}')
[[ "$signin" == *'"token":"a30s.'* ]] || { echo "demo sign-in failed: $signin"; exit 1; }
stop
start later
stop
rm -rf "$data"
echo "smoke test of the embedded default: passed"
