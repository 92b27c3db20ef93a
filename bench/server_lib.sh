# Shared by the bench scripts that drive a real server (source it; needs curl and jq):
#   start_server CLXS DATA_DIR WORK_DIR   `clxs serve` on a free loopback port; sets $base
#   stop_server                           TERM, then KILL after 10 s
#   post PATH JSON                        POST, body to $work/answer.json, prints the status
#   wait_job ID TIMEOUT                   polls until the job ends; leaves it in $work/job.json
#   now                                   the time in seconds, with nanoseconds
#   elapsed T0 T1                         T1 - T0 in seconds, three decimals
#   bench_identity                        sets $day, $commit and $machine; prints the machine
# The caller defines die(), $ROOT and $work, and calls stop_server from its EXIT trap.
server_pid=""
base=""

start_server() {
  local clxs="$1" data="$2" port_file="$3/port"
  mkdir -p "$data"
  "$clxs" serve --host 127.0.0.1 --port 0 --port-file "$port_file" --data-dir "$data" \
    > "$3/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 200); do
    [[ -s "$port_file" ]] && break
    kill -0 "$server_pid" 2> /dev/null || { cat "$3/server.log" >&2; die "server exited"; }
    sleep 0.1
  done
  [[ -s "$port_file" ]] || { cat "$3/server.log" >&2; die "server did not start in 20 s"; }
  base="http://127.0.0.1:$(cat "$port_file")"
}

stop_server() {
  [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2> /dev/null || return 0
  kill -TERM "$server_pid" 2> /dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$server_pid" 2> /dev/null || break
    sleep 0.1
  done
  kill -KILL "$server_pid" 2> /dev/null || true
  wait "$server_pid" 2> /dev/null || true
}

post() {
  curl -sS -o "$work/answer.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "$2" "$base$1"
}

wait_job() {
  local until=$(($(date +%s) + $2)) status
  while :; do
    curl -sSf -o "$work/job.json" "$base/api/clone/$1" || die "GET /api/clone/$1 failed"
    status=$(jq -r .status "$work/job.json")
    case "$status" in queued | running | cancelling) ;; *) return 0 ;; esac
    (($(date +%s) < until)) || die "job $1 still $status after $2 s"
    sleep 0.1
  done
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

bench_identity() {
  day=$(date -u +%F)
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)
  machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "machine: $machine"
}
