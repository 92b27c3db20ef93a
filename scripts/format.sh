#!/usr/bin/env bash
# clang-format on our C++ sources (tracked and new, never third_party/ or build trees).
#   scripts/format.sh           rewrite files in place
#   scripts/format.sh --check   report files that differ and exit non-zero
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

check=0
case "${1:-}" in
  --check) check=1 ;;
  "") ;;
  *) echo "format: unknown option '$1'" >&2; exit 2 ;;
esac

command -v clang-format >/dev/null ||
  { echo "format: clang-format is missing (apt-get install clang-format)" >&2; exit 1; }

mapfile -t files < <(git ls-files -co --exclude-standard -- '*.cpp' '*.hpp' '*.cc' '*.h' |
  grep -Ev '^(third_party|build[^/]*)/' | sort -u)
for i in "${!files[@]}"; do [[ -f "${files[$i]}" ]] || unset 'files[i]'; done
if ((${#files[@]} == 0)); then
  echo "format: no C++ files"
  exit 0
fi

if ((check)); then
  bad=()
  for f in "${files[@]}"; do
    clang-format "$f" | cmp -s - "$f" || bad+=("$f")
  done
  if ((${#bad[@]} > 0)); then
    printf 'format: needs formatting: %s\n' "${bad[@]}" >&2
    echo "format: ${#bad[@]} of ${#files[@]} files differ; run 'make format'" >&2
    exit 1
  fi
  echo "format: ${#files[@]} files formatted correctly"
else
  clang-format -i "${files[@]}"
  echo "format: formatted ${#files[@]} files"
fi
