#!/usr/bin/env bash
# The out-of-tree plugin path, end to end: check that docs/plugin-authoring.md shows
# sdk/examples/hello as it is, install the SDK into a temporary prefix, build the example
# against it as a separate CMake project, drop the library into a temporary plugin directory
# beside the analysis plugin (whose service it uses), start the server on it, run the
# plugin's job, take the service away and give it back, disable the plugin and enable it.
#
# Environment: CLXS_BUILD_DIR (required: the built clxs tree), CLXS_SOURCE_DIR (default:
# this checkout), CLXS_BINARY (default: $CLXS_BUILD_DIR/bin/clxs).
set -uo pipefail

BUILD_DIR=${CLXS_BUILD_DIR:-}
if [ -z "$BUILD_DIR" ]; then
  echo "set CLXS_BUILD_DIR to the clxs build directory" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
SOURCE_DIR=${CLXS_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
CLXS=${CLXS_BINARY:-$BUILD_DIR/bin/clxs}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/clxs-out-of-tree-XXXXXX")
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  for log in "$TMP"/*.log; do
    [ -f "$log" ] || continue
    echo "--- $(basename "$log") (last 40 lines)" >&2
    tail -n 40 "$log" >&2
  done
  echo "0 passed, 1 failed"
  exit 1
}

step() { echo "== $*"; }

[ -x "$CLXS" ] || fail "no clxs binary at $CLXS; build it first"

step "the documented example is the built one"
doc_block() {  # the first ```LANG block after the heading "## A complete plugin"
  awk -v lang="$1" '/^## A complete plugin/ {seen = 1}
    seen && inside && /^```$/ {exit}
    seen && inside {print}
    seen && $0 == "```" lang {inside = 1}' "$SOURCE_DIR/docs/plugin-authoring.md"
}
diff <(doc_block cpp) "$SOURCE_DIR/sdk/examples/hello/hello_plugin.cpp" >"$TMP/doc.diff" ||
  fail "docs/plugin-authoring.md shows another hello_plugin.cpp: $(cat "$TMP/doc.diff")"
diff <(doc_block cmake) "$SOURCE_DIR/sdk/examples/hello/CMakeLists.txt" >"$TMP/doc.diff" ||
  fail "docs/plugin-authoring.md shows another CMakeLists.txt: $(cat "$TMP/doc.diff")"

step "installing the SDK into $TMP/prefix"
cmake --install "$BUILD_DIR" --prefix "$TMP/prefix" >"$TMP/install.log" 2>&1 ||
  fail "cmake --install failed"
[ -f "$TMP/prefix/lib/cmake/clxs-sdk/clxs-sdkConfig.cmake" ] ||
  fail "the install has no lib/cmake/clxs-sdk/clxs-sdkConfig.cmake"
[ -f "$TMP/prefix/include/clxs/plugin.hpp" ] || fail "the install has no include/clxs/plugin.hpp"

step "building sdk/examples/hello against the installed SDK"
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$SOURCE_DIR/sdk/examples/hello" -B "$TMP/hello-build" "${generator[@]}" "${launcher[@]}" \
  -DCMAKE_PREFIX_PATH="$TMP/prefix" >"$TMP/configure.log" 2>&1 || fail "configuring hello failed"
cmake --build "$TMP/hello-build" >"$TMP/build.log" 2>&1 || fail "building hello failed"
lib=$(find "$TMP/hello-build" -name libhello.so -print -quit)
[ -n "$lib" ] || fail "the build produced no libhello.so"

mkdir -p "$TMP/plugins" "$TMP/data"
cp "$lib" "$TMP/plugins/"
cp "$BUILD_DIR/lib/clxs/plugins/libanalysis.so" "$TMP/plugins/" ||
  fail "no analysis plugin in $BUILD_DIR/lib/clxs/plugins"
"$CLXS" sql --data-dir "$TMP/data" "CREATE CATALOG src" >"$TMP/sql.log" 2>&1 &&
  "$CLXS" sql --data-dir "$TMP/data" "CREATE SCHEMA src.s" >>"$TMP/sql.log" 2>&1 &&
  "$CLXS" sql --data-dir "$TMP/data" "CREATE TABLE src.s.t AS SELECT 1 AS x UNION ALL SELECT 2" \
    >>"$TMP/sql.log" 2>&1 &&
  "$CLXS" sql --data-dir "$TMP/data" "CREATE TABLE src.s.copy AS SELECT * FROM src.s.t" \
    >>"$TMP/sql.log" 2>&1 || fail "creating the tables to compare failed"

step "starting $CLXS with --plugins-dir $TMP/plugins"
"$CLXS" serve --host 127.0.0.1 --port 0 --port-file "$TMP/port" --data-dir "$TMP/data" \
  --plugins-dir "$TMP/plugins" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
port=""
for _ in $(seq 1 600); do
  kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited during start-up"
  if [ -s "$TMP/port" ]; then
    port=$(tr -dc '0-9' <"$TMP/port")
    [ -n "$port" ] && break
  fi
  sleep 0.1
done
[ -n "$port" ] || fail "the server did not write its port within 60 s"
BASE="http://127.0.0.1:$port"

STATUS=""
BODY=""
# call METHOD PATH [JSON]: sets STATUS and BODY.
call() {
  local args=(-sS -o "$TMP/body" -w '%{http_code}' -X "$1")
  [ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' --data "$3")
  STATUS=$(curl "${args[@]}" "$BASE$2") || fail "curl $1 $2 failed"
  BODY=$(cat "$TMP/body")
}
# expect METHOD PATH [JSON] -- STATUS TEXT...: the status must match and the body must contain
# every TEXT.
expect() {
  local request=()
  while [ "$1" != "--" ]; do request+=("$1"); shift; done
  shift
  local want=$1
  shift
  call "${request[@]}"
  [ "$STATUS" = "$want" ] || fail "${request[*]}: expected $want, got $STATUS: $BODY"
  local text
  for text in "$@"; do
    case "$BODY" in
      *"$text"*) ;;
      *) fail "${request[*]}: body lacks '$text': $BODY" ;;
    esac
  done
  echo "   ok  ${request[0]} ${request[1]} -> $STATUS"
}

# job_status ID: polls GET /api/clone/ID until the job ends; sets BODY to its record.
job_status() {
  for _ in $(seq 1 300); do
    call GET "/api/clone/$1"
    case "$BODY" in
      *'"status":"queued"'* | *'"status":"running"'*) sleep 0.1 ;;
      *) return 0 ;;
    esac
  done
  fail "job $1 did not end: $BODY"
}

step "calling the plugin"
expect GET /api/plugins -- 200 '"hello"' '"analysis.table_comparison"'
expect POST /api/hello/check '{"source":"src.s.t","destination":"src.s.copy"}' -- 200 '"job_id"'
job=$(printf '%s' "$BODY" | sed -n 's/.*"job_id":"\([^"]*\)".*/\1/p')
[ -n "$job" ] || fail "no job id in $BODY"
job_status "$job"
case "$BODY" in
  *'"status":"completed"'*'"match":true'* | *'"match":true'*'"status":"completed"'*) ;;
  *) fail "the check job did not complete with a match: $BODY" ;;
esac
echo "   ok  job $job completed with a match"
expect POST /api/hello/check '{"source":"src.s.t"}' -- 422 '"destination"'
expect POST /api/hello/check '{"source":"src.s","destination":"src.s.copy"}' -- 400 \
  'catalog.schema.name'
expect GET /openapi.json -- 200 '"HelloCheck"'

step "taking the service away and giving it back"
expect POST /api/plugins/toggle '{"name":"analysis","enabled":false}' -- 200
expect POST /api/hello/check '{"source":"src.s.t","destination":"src.s.copy"}' -- 503 \
  'analysis.table_comparison' "'analysis'"
expect POST /api/plugins/toggle '{"name":"analysis","enabled":true}' -- 200
expect POST /api/hello/check '{"source":"src.s.t","destination":"src.s.copy"}' -- 200 '"job_id"'

step "disabling and re-enabling it"
expect POST /api/plugins/toggle '{"name":"hello","enabled":false}' -- 200
expect POST /api/hello/check '{"source":"src.s.t","destination":"src.s.copy"}' -- 404 \
  "plugin 'hello' is disabled"
expect POST /api/plugins/toggle '{"name":"hello","enabled":true}' -- 200
expect POST /api/hello/check '{"source":"src.s.t","destination":"src.s.copy"}' -- 200 '"job_id"'

echo "1 passed, 0 failed"
