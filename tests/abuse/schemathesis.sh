#!/usr/bin/env bash
# Property-based API testing from the OpenAPI document with schemathesis: every operation, authenticated as a few
# roles (tokens from dev login against the seeded demo complex), checks not_a_server_error and
# response_schema_conformance. Bounded by ST_MAX_EXAMPLES per operation and phase: every phase reaches every operation,
# then stops. ST_MAX_TIME (optional) is a time budget per role instead: phases are cut when it is spent, and fuzzing
# repeats until it is. ST_ROLE_TIMEOUT (default 150 s) kills a role that hangs; that counts as a failure.
# ST_FULL_ROLES (default admin) get every phase with valid and invalid inputs (the coverage phase alone is ~5,500
# cases). The other roles get valid inputs only, fuzzing and stateful phases: every operation, ST_MAX_EXAMPLES cases
# each. Routes authenticate, then validate, then authorize, so an invalid input gets the same 400 whatever the role;
# what differs by role is what valid inputs reach. That keeps four roles under about 3 minutes.
# Ends with one summary line (roles clean / with failures); exits non-zero if any role found a failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
MAX_EXAMPLES="${ST_MAX_EXAMPLES:-8}"
MAX_TIME="${ST_MAX_TIME:-}"
ROLE_TIMEOUT="${ST_ROLE_TIMEOUT:-150}"
FULL_ROLES=" ${ST_FULL_ROLES:-admin} "
ROLES="${ST_ROLES:-resident committee street admin}"
ST_VERSION=4.32.5
HYPOTHESIS_VERSION=6.170.17 # pinned too: schemathesis only gives a lower bound, and a new release changes the cases

if ! command -v st >/dev/null 2>&1 || ! st --version 2>/dev/null | grep -q "$ST_VERSION" \
    || [ "$(python3 -c 'import hypothesis; print(hypothesis.__version__)' 2>/dev/null)" != "$HYPOTHESIS_VERSION" ]; then
  echo "== installing schemathesis $ST_VERSION, hypothesis $HYPOTHESIS_VERSION"
  pip install -q "schemathesis==$ST_VERSION" "hypothesis==$HYPOTHESIS_VERSION" || { echo "schemathesis: could not run"; exit 1; }
fi

work="$(mktemp -d)"
info="$work/server.json"
node --import tsx tests/abuse/serve.ts "$info" > "$work/serve.log" 2>&1 &
serve_pid=$!
cleanup() { kill -TERM "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

for _ in $(seq 1 480); do [ -s "$info" ] && break; kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.5; done
if [ ! -s "$info" ]; then echo "server did not start:"; cat "$work/serve.log"; echo "schemathesis: could not run"; exit 1; fi
url="$(node -e "console.log(JSON.parse(require('fs').readFileSync('$info','utf8')).url)")"
echo "== schemathesis against $url/api/openapi.json (max $MAX_EXAMPLES examples per operation${MAX_TIME:+, ${MAX_TIME}s per role})"
budget=(); [ -n "$MAX_TIME" ] && budget=(--max-time "$MAX_TIME")

# The roles run one after another (ST_PARALLEL=1: side by side), each with its own log printed whole in role order;
# side by side they shared one server and measured no faster on a loaded 2-core machine (admin hit its timeout).
run_role() {
  local role=$1 token
  token="$(node -e "console.log(JSON.parse(require('fs').readFileSync('$info','utf8')).tokens['$role'] ?? '')")"
  # A role that cannot log in is a failure, not a skip: every role must be covered.
  if [ -z "$token" ]; then echo "-- role: $role: no dev-login user for it"; return 1; fi
  if [[ "$FULL_ROLES" == *" $role "* ]]; then scope=(--mode all); echo "-- role: $role (all phases, valid and invalid inputs)"
  else scope=(--mode positive --phases examples,fuzzing,stateful); echo "-- role: $role (valid inputs: fuzzing, stateful)"; fi
  # Run from a directory of its own: schemathesis writes its crash cache and reports under the working directory.
  # One worker: with two threads, hypothesis (describing filter lambdas) runs ast.parse concurrently, and CPython
  # 3.11 keeps one AST recursion-depth counter for all threads, so it crashes with "AST constructor
  # recursion depth mismatch" (CPython gh-106905) on whichever operations race. One worker also keeps --seed
  # reproducible; the server, not the client, bounds the request rate.
  mkdir -p "$work/$role"
  (cd "$work/$role" && timeout "$ROLE_TIMEOUT" st run "$url/api/openapi.json" \
      --checks not_a_server_error,response_schema_conformance \
      --header "Authorization: Bearer $token" \
      --max-examples "$MAX_EXAMPLES" "${budget[@]}" --workers 1 "${scope[@]}" \
      --request-timeout 15 --seed 20261127 --generation-deterministic --no-color \
      --suppress-health-check all --warnings off)
  local code=$?
  [ $code -eq 124 ] && echo "-- role: $role: stopped after ${ROLE_TIMEOUT}s (ST_ROLE_TIMEOUT)"
  return $code
}

declare -A role_pid
for role in $ROLES; do
  if [ "${ST_PARALLEL:-0}" != 1 ]; then run_role "$role" > "$work/$role.log" 2>&1; echo $? > "$work/$role.code"
  else (run_role "$role" > "$work/$role.log" 2>&1; echo $? > "$work/$role.code") & role_pid[$role]=$!; fi
done
passed=0; failed=0
for role in $ROLES; do
  [ -n "${role_pid[$role]:-}" ] && wait "${role_pid[$role]}"
  cat "$work/$role.log"
  if [ "$(cat "$work/$role.code" 2>/dev/null)" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "schemathesis roles: $passed clean, $failed with failures"
[ "$failed" -eq 0 ]
