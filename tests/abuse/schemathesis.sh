#!/usr/bin/env bash
# Property-based API testing from the OpenAPI document with schemathesis: every operation, authenticated as a few
# roles (tokens from dev login against the seeded demo complex), checks not_a_server_error and
# response_schema_conformance. Bounded: ST_MAX_EXAMPLES per operation and ST_MAX_TIME seconds per role.
# Ends with one summary line (roles clean / with failures); exits non-zero if any role found a failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
MAX_EXAMPLES="${ST_MAX_EXAMPLES:-8}"
MAX_TIME="${ST_MAX_TIME:-75}"
ROLES="${ST_ROLES:-resident committee street admin}"
ST_VERSION=4.32.5

if ! command -v st >/dev/null 2>&1 || ! st --version 2>/dev/null | grep -q "$ST_VERSION"; then
  echo "== installing schemathesis $ST_VERSION"
  pip install -q "schemathesis==$ST_VERSION" || { echo "schemathesis: could not run"; exit 1; }
fi

work="$(mktemp -d)"
info="$work/server.json"
node --import tsx tests/abuse/serve.ts "$info" > "$work/serve.log" 2>&1 &
serve_pid=$!
cleanup() { kill -TERM "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

for _ in $(seq 1 240); do [ -s "$info" ] && break; kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.5; done
if [ ! -s "$info" ]; then echo "server did not start:"; cat "$work/serve.log"; echo "schemathesis: could not run"; exit 1; fi
url="$(node -e "console.log(JSON.parse(require('fs').readFileSync('$info','utf8')).url)")"
echo "== schemathesis against $url/api/openapi.json (max $MAX_EXAMPLES examples per operation, ${MAX_TIME}s per role)"

passed=0; failed=0
for role in $ROLES; do
  token="$(node -e "console.log(JSON.parse(require('fs').readFileSync('$info','utf8')).tokens['$role'] ?? '')")"
  if [ -z "$token" ]; then echo "-- no dev-login user for role $role: skipped"; continue; fi
  echo "-- role: $role"
  # Run from the temp dir: schemathesis writes its crash cache and reports under the working directory.
  if (cd "$work" && st run "$url/api/openapi.json" \
      --checks not_a_server_error,response_schema_conformance \
      --header "Authorization: Bearer $token" \
      --max-examples "$MAX_EXAMPLES" --max-time "$MAX_TIME" --workers 2 \
      --request-timeout 15 --seed 20261127 --generation-deterministic --no-color \
      --suppress-health-check all --warnings off); then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "schemathesis roles: $passed clean, $failed with failures"
[ "$failed" -eq 0 ]
