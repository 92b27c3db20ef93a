#!/usr/bin/env bash
# Runs one phase of a build or test run and reports how long it took, so every CI log shows
# where the time goes.
#
#   scripts/phase.sh NAME COMMAND [ARG...]   run COMMAND as phase NAME; its exit code is kept
#   scripts/phase.sh --summary               the phases recorded so far, and their total
#
# Phases are appended to $CLXS_PHASE_LOG (default build/phases.log); `make test` starts a
# new one each run.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOG="${CLXS_PHASE_LOG:-$ROOT/build/phases.log}"

fmt() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

if [[ "${1:-}" == "--summary" ]]; then
  [[ -f "$LOG" ]] || exit 0
  total=0
  echo "== phase timings"
  while IFS=$'\t' read -r secs status name; do
    printf '   %-28s %8s  %s\n' "$name" "$(fmt "$secs")" "$status"
    total=$((total + secs))
  done <"$LOG"
  printf '   %-28s %8s\n' "total" "$(fmt "$total")"
  exit 0
fi

[[ $# -ge 2 ]] || { echo "usage: $0 NAME COMMAND [ARG...] | --summary" >&2; exit 2; }
name="$1"
shift
mkdir -p "$(dirname "$LOG")"
echo "== phase $name: started $(date -u +%H:%M:%S)"
start=$(date +%s)
"$@"
rc=$?
secs=$(($(date +%s) - start))
status=ok
((rc == 0)) || status="failed (exit $rc)"
printf '%s\t%s\t%s\n' "$secs" "$status" "$name" >>"$LOG"
echo "== phase $name: $(fmt "$secs") ($status)"
exit "$rc"
