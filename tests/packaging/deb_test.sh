#!/usr/bin/env bash
# The .deb runs anywhere, not only on the build machine: pack the release build with CPack,
# unpack the package into an empty directory, check that it carries the pinned DuckDB library
# and that its binary finds it through a RUNPATH relative to itself, start the unpacked
# `clxs serve` on a free port with nothing of the build tree on any path, and read
# /api/health; check the systemd unit with systemd-analyze where it can run.
#
# Environment: CLXS_BUILD_DIR (required: the built clxs tree).
set -uo pipefail

BUILD_DIR=${CLXS_BUILD_DIR:?set CLXS_BUILD_DIR to the clxs build directory}
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/clxs-deb-XXXXXX")
SERVER_PID=""
passed=0
failed=0

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok: $what"
  else
    failed=$((failed + 1))
    echo "FAILED: $what"
  fi
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

if ! cpack -G DEB --config "$BUILD_DIR/CPackConfig.cmake" -B "$TMP/pkg" >"$TMP/cpack.log" 2>&1; then
  cat "$TMP/cpack.log"
  check "cpack builds the .deb" false
  finish
fi
deb=$(ls "$TMP"/pkg/*.deb 2>/dev/null | head -1)
check "cpack builds the .deb" test -n "$deb"
[ -n "$deb" ] || finish
mkdir -p "$TMP/root"
dpkg-deb -x "$deb" "$TMP/root"
root=$TMP/root

check "the package ships libduckdb.so in /usr/lib/clxs" test -f "$root/usr/lib/clxs/libduckdb.so"
check "the package ships the plugins" \
  bash -c "ls '$root'/usr/lib/clxs/plugins/*.so >/dev/null 2>&1"
runpath=$(readelf -d "$root/usr/bin/clxs" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p')
check "the binary's RUNPATH is relative to it (\$ORIGIN), not the build tree: '$runpath'" \
  bash -c "[[ '$runpath' == *'\$ORIGIN/../lib/clxs'* && '$runpath' != *'$BUILD_DIR'* && '$runpath' != *third_party* ]]"
missing=$(env -u LD_LIBRARY_PATH ldd "$root/usr/bin/clxs" | grep 'not found' || true)
check "every library of the unpacked binary resolves${missing:+: $missing}" test -z "$missing"
dependencies=$(dpkg-deb -f "$deb" Depends)
check "the package depends on iso-codes (quality checks read it)" \
  bash -c "[[ '$dependencies' == *iso-codes* ]]"

# The unpacked server, with nothing of the build tree on any path.
env -i PATH=/usr/bin:/bin HOME="$TMP/home" \
  "$root/usr/bin/clxs" serve --host 127.0.0.1 --port 0 --port-file "$TMP/port" \
  --data-dir "$TMP/data" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
port=""
for _ in $(seq 1 600); do
  port=$(cat "$TMP/port" 2>/dev/null || true)
  [ -n "$port" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  cat "$TMP/server.log"
  check "the unpacked clxs serve starts" false
  finish
fi
health=$(curl -s --max-time 10 "http://127.0.0.1:$port/api/health")
check "the unpacked server answers /api/health: $health" \
  bash -c "[[ '$health' == *'\"status\":\"ok\"'* && '$health' != *'\"loaded\":0'* ]]"
catalogs=$(curl -s --max-time 30 "http://127.0.0.1:$port/api/catalogs")
check "its local workspace runs SQL through the shipped DuckDB: $catalogs" \
  bash -c "[[ '$catalogs' == *main* ]]"

# The unit, pointed at the unpacked binary (verify looks for ExecStart's program).
if command -v systemd-analyze >/dev/null && systemd-analyze --version >/dev/null 2>&1; then
  mkdir -p "$TMP/unit"
  unit=$(find "$root" -name clxs.service | head -1)
  sed "s|/usr/bin/clxs|$root/usr/bin/clxs|" "$unit" \
    >"$TMP/unit/clxs.service"
  # Only a machine without a running systemd's complaint about its bus is set aside.
  verify=$(systemd-analyze verify "$TMP/unit/clxs.service" 2>&1 | grep -v 'connect to bus' || true)
  check "systemd-analyze verify finds nothing wrong with the unit${verify:+: $verify}" \
    test -z "$verify"
else
  echo "skipped: systemd-analyze is not available"
fi
finish
