#!/usr/bin/env bash
# The clone engine, in one run:
#   (a) orchestration overhead and (b) max_rps, in process: bench/clone_bench.cpp clones a
#       catalog held in memory behind a FaultInjector that makes every call take LATENCY_MS
#       (no failures injected), with max_workers 1 (one schema) and PARALLEL tables at a time.
#       (a) 500 tables: the makespan of runClone against ceil(calls / PARALLEL) x LATENCY_MS,
#           calls being every call the runner made (writes, reads and metadata calls);
#           target <= 1.1. The critical path (the serial calls, then the tables PARALLEL at a
#           time) is printed too.
#       (b) max_rps RPS over about 200 calls: calls over the makespan, and the steady rate
#           between the first and last call; target within 5 % of RPS.
#   (c) DEEP clone of the demo catalog at scale_factor SCALE on the local workspace, through
#       the real server: `clxs serve` on a free loopback port with a temporary data directory,
#       POST /api/generate/demo-data (not timed), then POST /api/clone timed from the request
#       to the job's end (polled every 0.1 s); reports the wall time and tables per second.
#       Skipped (the rest still runs) when the generate plugin is not built.
# Builds clone_bench (target excluded from `all`) in BUILD_DIR first. Targets are reported,
# never asserted; the script fails only on errors (a table not cloned, a job that fails);
# other objects of (c) that fail (views, functions, volumes) are reported as a warning.
#
#   bench/clone.sh                        (a), (b) and (c); BUILD_DIR=build, SCALE=0.01
#   BUILD_DIR=build-x JOBS=1 bench/clone.sh
#   CLXS_BIN=/path/to/clxs               server for (c) (default: BUILD_DIR/bin/clxs); its
#                                        plugins are read from ../lib/clxs/plugins next to it
#   SCALE=0.001 bench/clone.sh           a smaller demo catalog for (c)
#   C_MAX_WORKERS=4 C_PARALLEL_TABLES=1  max_workers and parallel_tables of (c) (API defaults)
#   SKIP_C=1 bench/clone.sh              only (a) and (b)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
[[ "$BUILD_DIR" = /* ]] || BUILD_DIR="$ROOT/$BUILD_DIR"
JOBS="${JOBS:-$(nproc)}"
CLXS="${CLXS_BIN:-$BUILD_DIR/bin/clxs}"
TABLES="${TABLES:-500}"
LATENCY_MS="${LATENCY_MS:-20}"
PARALLEL="${PARALLEL:-8}"
RPS="${RPS:-20}"
RPS_CALLS="${RPS_CALLS:-200}"
SCALE="${SCALE:-0.01}"
C_MAX_WORKERS="${C_MAX_WORKERS:-4}"
C_PARALLEL_TABLES="${C_PARALLEL_TABLES:-1}"
SKIP_C="${SKIP_C:-0}"
GENERATE_TIMEOUT="${GENERATE_TIMEOUT:-3600}"
CLONE_TIMEOUT="${CLONE_TIMEOUT:-3600}"

die() { echo "bench: error: $*" >&2; exit 1; }
[[ -f "$BUILD_DIR/build.ninja" || -f "$BUILD_DIR/Makefile" ]] ||
  die "$BUILD_DIR is not a configured build directory; run make build"
awk -v s="$SCALE" 'BEGIN { exit !(s > 0 && s <= 10) }' || die "SCALE must be in (0, 10]"
for tool in curl jq; do command -v "$tool" > /dev/null || die "$tool is missing"; done

work="$(mktemp -d "${TMPDIR:-/tmp}/clxs-bench-clone.XXXXXX")"
# shellcheck source=bench/server_lib.sh
source "$ROOT/bench/server_lib.sh"
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
field() { sed -n "s/^result: .*\\b$1=\\([^ ]*\\).*/\\1/p" "$work/bench.out" | head -1; }

bench_identity

# (a) and (b)
cmake --build "$BUILD_DIR" --target clone_bench -j "$JOBS" > "$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; die "building clone_bench failed"; }
"$BUILD_DIR/bin/clone_bench" --tables "$TABLES" --latency-ms "$LATENCY_MS" --parallel "$PARALLEL" \
  --rps "$RPS" --rps-calls "$RPS_CALLS" | tee "$work/bench.out"
calls=$(field calls)
makespan=$(field makespan_s)
ideal=$(field ideal_s)
ratio=$(field ratio)
critical=$(field critical_s)
rps_calls=$(field rps_calls)
rate=$(field rate)
steady=$(field steady_rate)

# (c)
c_line=""
run_c() {
  if [[ "$SKIP_C" == 1 ]]; then
    echo "(c) skipped: SKIP_C=1"
    return 0
  fi
  [[ -x "$CLXS" ]] || die "$CLXS is missing; run make build"
  local plugins
  plugins="$(cd "$(dirname "$CLXS")/.." && pwd)/lib/clxs/plugins"
  if [[ ! -f "$plugins/libgenerate.so" ]]; then
    echo "(c) skipped: generate plugin not built"
    return 0
  fi
  start_server "$CLXS" "$work/data" "$work"
  local code job status
  code=$(post /api/generate/demo-data \
    "$(jq -nc --argjson s "$SCALE" '{catalog_name: "bench_demo", scale_factor: $s}')")
  if [[ "$code" == 404 ]]; then
    echo "(c) skipped: generate plugin not built (POST /api/generate/demo-data answers 404)"
    return 0
  fi
  [[ "$code" == 200 ]] ||
    die "POST /api/generate/demo-data answered $code: $(cat "$work/answer.json")"
  job=$(jq -r .job_id "$work/answer.json")
  local g0 g1
  g0=$(now)
  wait_job "$job" "$GENERATE_TIMEOUT"
  g1=$(now)
  status=$(jq -r .status "$work/job.json")
  [[ "$status" == completed ]] ||
    die "demo-data job $job ended $status: $(jq -c .error "$work/job.json")"
  echo "(c) demo catalog at scale $SCALE generated in $(elapsed "$g0" "$g1") s (not timed below)"

  local t0 t1 wall
  t0=$(now)
  code=$(post /api/clone "$(jq -nc --argjson w "$C_MAX_WORKERS" --argjson p "$C_PARALLEL_TABLES" \
    '{source_catalog: "bench_demo", destination_catalog: "bench_demo_clone", clone_type: "DEEP",
      max_workers: $w, parallel_tables: $p}')")
  [[ "$code" == 200 ]] || die "POST /api/clone answered $code: $(cat "$work/answer.json")"
  job=$(jq -r .job_id "$work/answer.json")
  wait_job "$job" "$CLONE_TIMEOUT"
  t1=$(now)
  wall=$(elapsed "$t0" "$t1")
  status=$(jq -r .status "$work/job.json")
  [[ "$status" == completed || "$status" == completed_with_errors ]] ||
    die "clone job $job ended $status: $(jq -c '.error, .result.errors' "$work/job.json")"
  local r='.result'
  local tables views functions volumes bytes run_s per_s failed calls_c writes_c
  # Only tables are timed, so only a table that was not cloned makes the figure meaningless;
  # other failures are reported.
  [[ $(jq "$r.tables.failed" "$work/job.json") == 0 ]] ||
    die "clone job $job failed tables: $(jq -c "$r.errors" "$work/job.json")"
  failed=$(jq "[$r.schemas, $r.views, $r.functions, $r.volumes | .failed] | add" "$work/job.json")
  if [[ "$failed" != 0 ]]; then
    echo "(c) warning: $failed objects other than tables failed, e.g.:" \
      "$(jq -r "$r.errors[0]" "$work/job.json")"
  fi
  tables=$(jq "$r.tables.success" "$work/job.json")
  views=$(jq "$r.views.success" "$work/job.json")
  functions=$(jq "$r.functions.success" "$work/job.json")
  volumes=$(jq "$r.volumes.success" "$work/job.json")
  bytes=$(jq "$r.bytes_copied" "$work/job.json")
  run_s=$(jq "$r.duration_seconds" "$work/job.json")
  calls_c=$(jq "$r.calls.calls" "$work/job.json")
  writes_c=$(jq "$r.sql_summary.total_statements" "$work/job.json")
  per_s=$(awk -v n="$tables" -v s="$wall" 'BEGIN { printf "%.1f", n / s }')
  echo "(c) DEEP clone of bench_demo: ${wall} s from POST to the job's end (run ${run_s} s)"
  echo "    $tables tables, $views views, $functions functions, $volumes volumes," \
    "$bytes bytes: $per_s tables/s"
  echo "    $calls_c workspace calls ($writes_c writes); max_workers $C_MAX_WORKERS," \
    "parallel_tables $C_PARALLEL_TABLES"
  c_line="| $day | $commit | DEEP clone of the demo catalog at scale $SCALE ($tables tables, $views views, $functions functions, $volumes volumes, $((bytes / 1000000)) MB), local workspace, max_workers $C_MAX_WORKERS, parallel_tables $C_PARALLEL_TABLES, POST to job end | $wall s | n/a | $per_s tables/s | n/a |"
  stop_server
}
run_c

echo
echo "Rows for docs/benchmarks.md ($machine):"
echo "| $day | $commit | (a) $TABLES tables, $LATENCY_MS ms per call, parallel_tables $PARALLEL: makespan vs ceil($calls calls / $PARALLEL) x $LATENCY_MS ms (critical path ${critical} s) | $makespan s | $ideal s | $ratio | ≤ 1.1 |"
echo "| $day | $commit | (b) max_rps $RPS over $rps_calls calls: calls / makespan (steady $steady/s) | $rate/s | $RPS/s | $(awk -v a="$rate" -v b="$RPS" 'BEGIN { printf "%.3f", a / b }') | within 5 % |"
[[ -z "$c_line" ]] || echo "$c_line"
