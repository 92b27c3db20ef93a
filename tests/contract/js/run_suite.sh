#!/usr/bin/env bash
# Runs the JS SDK contract suite (suite.mjs) against `clxs emulate`: seeds a fresh data
# directory with seed.sql, starts the emulator on a free loopback port with a PAT and OAuth
# M2M credentials, runs the suite with node and fails when any check fails.
#
#   CLXS_BINARY=build/bin/clxs CLXS_JS_SDK_DIR=third_party/js-sdk tests/contract/js/run_suite.sh
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
CLXS_BINARY="${CLXS_BINARY:-$ROOT/build/bin/clxs}"
CLXS_JS_SDK_DIR="${CLXS_JS_SDK_DIR:-$ROOT/third_party/js-sdk}"

die() {
  echo "FAIL: $*" >&2
  exit 1
}
[[ -x "$CLXS_BINARY" ]] || die "clxs binary not found at $CLXS_BINARY (set CLXS_BINARY)"
command -v node >/dev/null || die "node is not installed (scripts/setup.sh --test installs it)"
[[ -d "$CLXS_JS_SDK_DIR/node_modules/@databricks/sdk-experimental" ]] ||
  die "the Databricks JS SDK is not installed in $CLXS_JS_SDK_DIR (run scripts/setup.sh --test)"
CLXS_JS_SDK_DIR="$(cd "$CLXS_JS_SDK_DIR" && pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/clxs-jssdk.XXXXXX")"
emulator_pid=""
cleanup() {
  if [[ -n "$emulator_pid" ]] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill -TERM "$emulator_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$emulator_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$emulator_pid" 2>/dev/null
    wait "$emulator_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export CLXS_TOKEN="js-suite-token"
export CLXS_CLIENT_ID="js-suite-client"
export CLXS_CLIENT_SECRET="js-suite-secret"
"$CLXS_BINARY" sql --data-dir "$work/data" -f "$HERE/seed.sql" >"$work/seed.log" 2>&1 ||
  { cat "$work/seed.log" >&2; die "seeding the catalog failed"; }

# Port 0 lets the emulator pick a free port and write it to the port file, so nothing can
# take it in between.
"$CLXS_BINARY" emulate --port 0 --port-file "$work/port" --data-dir "$work/data" \
  --token "$CLXS_TOKEN" --client-id "$CLXS_CLIENT_ID" --client-secret "$CLXS_CLIENT_SECRET" \
  --chunk-rows 2 --warehouse-start-ms 7000 >"$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 100); do
  [[ -s "$work/port" ]] && break
  kill -0 "$emulator_pid" 2>/dev/null || break
  sleep 0.05
done
[[ -s "$work/port" ]] || { cat "$work/emulator.log" >&2; die "clxs emulate did not start"; }

export CLXS_EMULATOR_URL="http://127.0.0.1:$(cat "$work/port")"
export CLXS_JS_SDK_DIR
# The SDK reads ~/.databrickscfg and DATABRICKS_* variables; neither may leak into the suite.
env -u DATABRICKS_HOST -u DATABRICKS_TOKEN -u DATABRICKS_CONFIG_PROFILE -u DATABRICKS_AUTH_TYPE \
  -u DATABRICKS_CLIENT_ID -u DATABRICKS_CLIENT_SECRET HOME="$work" \
  node "$HERE/suite.mjs"
status=$?
((status == 0)) || { echo "emulator log:" >&2; tail -n 20 "$work/emulator.log" >&2; }
exit $status
