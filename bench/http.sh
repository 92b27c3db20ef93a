#!/usr/bin/env bash
# Throughput of GET /api/health on clxs against nginx returning the same JSON body from memory
# (`return 200 '<body>'`, nginx's fastest way to serve a constant), measured with wrk in the
# same run, both on loopback. Builds nothing: expects build/bin/clxs (or
# CLXS_BINARY) and wrk, nginx, curl, python3 (scripts/setup.sh --test installs them).
#
#   bench/http.sh                     3 rounds of wrk -t2 -c64 -d10s against each
#   DURATION=5 CONNECTIONS=32 ROUNDS=1 bench/http.sh
#   CONNECTIONS=1000 bench/http.sh    the 1,000-connection figure of issue 15
#   IO_THREADS=1 bench/http.sh        clxs with server.io_threads set (default: its own)
#
# The rounds alternate clxs and nginx so that load from other processes on the machine falls
# on both alike; each server's best round is reported. Prints both rates, the ratio
# clxs/nginx, each server's CPU per request in every round (µs, from /proc: steadier than the
# rate when wrk shares the cores), and a table row for docs/benchmarks.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLXS_BINARY="${CLXS_BINARY:-$ROOT/build/bin/clxs}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-2}"
ROUNDS="${ROUNDS:-3}"
# Issue 15: at least 0.8 of nginx at 64 connections, 0.5 at 1,000.
if ((CONNECTIONS >= 1000)); then TARGET_RATIO="0.5"; else TARGET_RATIO="0.8"; fi

die() { echo "bench: error: $*" >&2; exit 1; }

[[ -x "$CLXS_BINARY" ]] || die "$CLXS_BINARY not found; run 'make build' first"
for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || die "$tool is missing; run 'scripts/setup.sh --test'"
done
# Bounded load: a run may not exceed 60 s or 1,000 connections per server.
((DURATION >= 1 && DURATION <= 60)) || die "DURATION must be 1..60 seconds"
((WARMUP >= 0 && WARMUP <= 10)) || die "WARMUP must be 0..10 seconds"
((ROUNDS >= 1 && ROUNDS <= 5)) || die "ROUNDS must be 1..5"
((CONNECTIONS >= 1 && CONNECTIONS <= 1000)) || die "CONNECTIONS must be 1..1000"
((THREADS >= 1 && THREADS <= CONNECTIONS)) || die "THREADS must be 1..CONNECTIONS"

run_dir="$(mktemp -d "${TMPDIR:-/tmp}/clxs-bench.XXXXXX")"
data_dir="$(mktemp -d "${TMPDIR:-/tmp}/clxs-bench-data.XXXXXX")"
# nginx workers run as nobody when started by root: they must reach the body file.
chmod 0755 "$run_dir"
clxs_pid=""
nginx_pid=""

stop_pid() {
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$clxs_pid"
  stop_pid "$nginx_pid"
  rm -rf "$run_dir" "$data_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_http URL LOGFILE PID: waits up to 20 s for URL to answer 200.
wait_http() {
  local url="$1" log="$2" pid="$3"
  for _ in $(seq 1 200); do
    curl -sf -o /dev/null "$url" && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; die "server exited before answering $url"; }
    sleep 0.1
  done
  cat "$log" >&2
  die "no answer from $url after 20 s"
}

# warm_up URL: a short unmeasured run.
warm_up() {
  ((WARMUP > 0)) || return 0
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$1" >/dev/null
}

# cpu_ticks PID...: user+system clock ticks of every thread of the given processes.
cpu_ticks() {
  local total=0 pid stat
  for pid in "$@"; do
    for stat in /proc/"$pid"/task/*/stat; do
      [[ -r "$stat" ]] || continue
      total=$((total + $(awk '{print $14 + $15}' "$stat")))
    done
  done
  echo "$total"
}

# measure URL PID...: prints wrk's requests per second and the server's CPU per request in µs
# (the processes given; a steadier measure than the rate on a machine shared with wrk); fails
# on errors or non-2xx answers.
measure() {
  local url="$1" out before after rate
  shift
  before="$(cpu_ticks "$@")"
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url")"
  after="$(cpu_ticks "$@")"
  echo "$out" >&2
  if grep -q 'Non-2xx or 3xx responses' <<<"$out"; then
    die "$url answered with errors during the run"
  fi
  if grep -q 'Socket errors' <<<"$out"; then
    echo "bench: warning: socket errors against $url (see above)" >&2
  fi
  rate="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  awk -v r="$rate" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v d="$DURATION" \
    'BEGIN { printf "%s %.2f\n", r, (r > 0 ? t / hz * 1e6 / (r * d) : 0) }'
}

# clxs
if [[ -n "${IO_THREADS:-}" ]]; then
  ((IO_THREADS >= 1 && IO_THREADS <= 64)) || die "IO_THREADS must be 1..64"
  mkdir -p "$data_dir/config"
  printf 'server:\n  io_threads: %d\n' "$IO_THREADS" >"$data_dir/config/clone_config.yaml"
fi
clxs_port="$(free_port)"
"$CLXS_BINARY" serve --host 127.0.0.1 --port "$clxs_port" --data-dir "$data_dir" \
  >"$run_dir/clxs.log" 2>&1 &
clxs_pid=$!
clxs_url="http://127.0.0.1:$clxs_port/api/health"
wait_http "$clxs_url" "$run_dir/clxs.log" "$clxs_pid"
curl -sf "$clxs_url" -o "$run_dir/health.json"
chmod 0644 "$run_dir/health.json"
[[ -s "$run_dir/health.json" ]] || die "empty /api/health body"

# nginx with the same body, inlined in its config: quotes and backslashes escaped for nginx's
# single-quoted string, then sed's own special characters for the substitution.
nginx_port="$(free_port)"
user_line=""
[[ $(id -u) -eq 0 ]] && user_line="user nobody nogroup;"
grep -q '[$]' "$run_dir/health.json" && die "the body holds a '\$', which nginx would expand"
body_escaped="$(sed -e "s/[\\']/\\&/g" -e 's/[&|\\]/\\&/g' "$run_dir/health.json")"
sed -e "s|@USER_LINE@|$user_line|" -e "s|@RUN_DIR@|$run_dir|g" -e "s|@PORT@|$nginx_port|g" \
  -e "s|@BODY@|$body_escaped|g" "$ROOT/bench/nginx.conf" >"$run_dir/nginx.conf"
nginx -p "$run_dir" -e "$run_dir/nginx-error.log" -c "$run_dir/nginx.conf" \
  >"$run_dir/nginx.log" 2>&1 &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port/api/health"
wait_http "$nginx_url" "$run_dir/nginx-error.log" "$nginx_pid"
cmp -s <(curl -sf "$nginx_url") "$run_dir/health.json" || die "nginx serves a different body"

echo "bench: body $(wc -c <"$run_dir/health.json") bytes; $ROUNDS rounds of" \
  "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s (after ${WARMUP}s warm-up) on $(nproc) cores" >&2
warm_up "$clxs_url"
warm_up "$nginx_url"
clxs_all=()
nginx_all=()
clxs_cpu=()
nginx_cpu=()
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round: clxs $clxs_url" >&2
  read -r rate cpu <<<"$(measure "$clxs_url" "$clxs_pid")"
  clxs_all+=("$rate")
  clxs_cpu+=("$cpu")
  echo "== round $round: nginx $nginx_url" >&2
  # shellcheck disable=SC2046  # one argument per worker
  read -r rate cpu <<<"$(measure "$nginx_url" $(pgrep -P "$nginx_pid"))"
  nginx_all+=("$rate")
  nginx_cpu+=("$cpu")
done
best() { printf '%s\n' "$@" | sort -g | tail -n 1; }
clxs_rps="$(best "${clxs_all[@]}")"
nginx_rps="$(best "${nginx_all[@]}")"

ratio="$(awk -v a="$clxs_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
verdict="$(awk -v r="$ratio" -v t="$TARGET_RATIO" 'BEGIN { print (r >= t ? "meets" : "BELOW") }')"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"

echo
printf 'clxs:  %12.0f requests/s (best of: %s)\n' "$clxs_rps" "${clxs_all[*]}"
printf 'nginx: %12.0f requests/s (best of: %s)\n' "$nginx_rps" "${nginx_all[*]}"
echo "ratio: $ratio (clxs/nginx; target >= $TARGET_RATIO: $verdict)"
echo "server CPU per request, µs (each round): clxs ${clxs_cpu[*]}; nginx ${nginx_cpu[*]}"
echo
echo "Row for docs/benchmarks.md:"
# shellcheck disable=SC2016  # the backquotes are Markdown
printf '| %s | %s | %s | `wrk -t%s -c%s -d%ss`, best of %s | %.0f | %.0f | %s |\n' \
  "$(date -u +%F)" "$commit" "$(nproc)" "$THREADS" "$CONNECTIONS" "$DURATION" "$ROUNDS" \
  "$clxs_rps" "$nginx_rps" "$ratio"
