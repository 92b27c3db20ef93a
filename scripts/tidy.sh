#!/usr/bin/env bash
# clang-tidy on the C++ sources changed against the upstream branch (or origin/main, or
# HEAD~1), including uncommitted and new files, using BUILD_DIR/compile_commands.json.
#   scripts/tidy.sh [BUILD_DIR]     (default: build)
#   scripts/tidy.sh BUILD_DIR --all (every source in the compilation database)
#   scripts/tidy.sh BUILD_DIR FILE... (just these)
# Runs one clang-tidy per core.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
build_dir="${1:-build}"
shift || true
all="${1:-}"
db="$build_dir/compile_commands.json"

command -v clang-tidy >/dev/null ||
  { echo "tidy: clang-tidy is missing (apt-get install clang-tidy)" >&2; exit 1; }
[[ -f "$db" ]] || { echo "tidy: $db is missing; configure first (make build)" >&2; exit 1; }

base=""
if [[ -z "$all" ]]; then
  for ref in '@{upstream}' origin/main origin/HEAD; do
    base="$(git merge-base HEAD "$ref" 2>/dev/null)" && break || base=""
  done
  # No upstream, or already at it: look at the last commit.
  if [[ -z "$base" || "$base" == "$(git rev-parse HEAD)" ]]; then
    base="$(git rev-parse -q --verify 'HEAD~1' 2>/dev/null || true)"
  fi
fi

if [[ -n "$all" && "$all" != "--all" ]]; then
  candidates=("$@")
elif [[ -n "$base" ]]; then
  mapfile -t candidates < <({
    git diff --name-only --diff-filter=d "$base" -- '*.cpp' '*.cc'
    git ls-files -o --exclude-standard -- '*.cpp' '*.cc'
  } | sort -u)
else
  mapfile -t candidates < <(git ls-files -co --exclude-standard -- '*.cpp' '*.cc' | sort -u)
fi

# Only files the build compiles have flags to be checked with.
files=()
for f in "${candidates[@]}"; do
  grep -qF "\"file\": \"$ROOT/$f\"" "$db" && files+=("$f")
done
if ((${#files[@]} == 0)); then
  echo "tidy: no changed C++ sources to check${base:+ (against ${base:0:12})}"
  exit 0
fi

echo "tidy: checking ${#files[@]} files${base:+ changed against ${base:0:12}}"
printf '%s\0' "${files[@]}" |
  xargs -0 -n 1 -P "$(nproc)" clang-tidy -p "$build_dir" --quiet
