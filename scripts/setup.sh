#!/usr/bin/env bash
# Installs what building, running and testing clxs needs on Debian 12, and nothing more:
# Debian packages that are missing, then pinned front-end assets and DuckDB from the npm
# registry into the git-ignored third_party/. Safe to run any number of times; when
# everything is present it only checks and returns in about a second.
#
#   scripts/setup.sh            build and run dependencies
#   scripts/setup.sh --test     also what the tests and the benchmark use
#   scripts/setup.sh --no-apt   skip the Debian package check (e.g. not on Debian)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THIRD_PARTY="${CLXS_THIRD_PARTY:-$ROOT/third_party}"

# Pins. The digests are the SHA-512 of the npm tarballs (the registry's dist.integrity, in
# hex), so a changed artifact is refused rather than installed.
SWAGGER_UI_SPEC="swagger-ui-dist@5.35.0"
SWAGGER_UI_SHA512="534eaba4cb56f55dd73c638179a993512af4674f63317e0826e00da44fc465b021c341bc0a0c2bcd4e18997927fe1d3008336c5dd19aad334d1c2dec53cc9551"
# Redoc 2.x, not 3.x: 3.x sends usage telemetry to a Redocly endpoint and loads icons from
# a CDN by default, which /redoc must not do.
REDOC_SPEC="redoc@2.5.4"
REDOC_SHA512="33a8d6846d6aa019c7e93166cc99ecb72099f3b1e6398fd4cc39bbf261e262284476557f61c4bda203a8d4d94496724c78bb32c4715edb215ce2c3631d3ac005"
DUCKDB_LIB_SPEC="@duckdb/node-bindings-linux-x64@1.4.4-r.4"
DUCKDB_LIB_SHA512="8c14cbfd6bdfc312d3a056bfa551df4fa7a532d96d2469dcdf04aec590fd39f325b62b7d614755152dfbbc1150cd7313d59f0e5a3b528cc87eccf2b13b01cb1c"
DUCKDB_HEADER_SPEC="duckdb@1.4.4"
DUCKDB_HEADER_SHA512="844249e61c9517454b8f776638ba6c5ab411d1bddde1892ab72826ea25178c72430e74aa83f5122b171be6abcdace84560f824b5ac94e9d5c2b603ea7269a9a2"

BUILD_PACKAGES=(
  build-essential cmake ninja-build ccache lld pkg-config file
  libpoco-dev libboost-dev libboost-filesystem-dev libyaml-cpp-dev libsqlite3-dev
  libgtest-dev libgmock-dev libssl-dev libre2-dev nlohmann-json3-dev iso-codes
)
TEST_PACKAGES=(chromium wrk nginx-light curl python3)

with_test=0
with_apt=1
with_duckdb=1
usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }
for arg in "$@"; do
  case "$arg" in
    --test) with_test=1 ;;
    --no-apt) with_apt=0 ;;
    --no-duckdb) with_duckdb=0 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "setup: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

log() { echo "setup: $*"; }
TMP_DIRS=()
cleanup() { ((${#TMP_DIRS[@]} == 0)) || rm -rf "${TMP_DIRS[@]}"; }
trap cleanup EXIT
new_tmp() { mktemp -d "${TMPDIR:-/tmp}/clxs-setup.XXXXXX"; }
die() { echo "setup: error: $*" >&2; exit 1; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "installing packages needs root; run as root or install sudo"
  fi
}

is_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == "installed" ]]
}

install_debian_packages() {
  local wanted=("${BUILD_PACKAGES[@]}")
  ((with_test)) && wanted+=("${TEST_PACKAGES[@]}")
  # Node.js may come from elsewhere (nodesource bundles npm); only the commands matter.
  command -v node >/dev/null || wanted+=(nodejs)
  command -v npm >/dev/null || wanted+=(npm)

  local missing=() p
  for p in "${wanted[@]}"; do
    is_installed "$p" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0

  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq "${missing[@]}"
}

# npm_fetch SPEC SHA512 DIR: downloads SPEC's tarball (no install scripts run), checks its
# digest and unpacks it into DIR/package.
npm_fetch() {
  local spec="$1" sum="$2" dir="$3" file
  command -v npm >/dev/null || die "npm is missing; run without --no-apt or install npm"
  file="$(cd "$dir" && npm pack --silent --pack-destination "$dir" "$spec" | tail -n 1)" ||
    die "could not download $spec from the npm registry"
  [[ -f "$dir/$file" ]] || die "npm pack $spec produced no tarball"
  local got
  got="$(sha512sum "$dir/$file" | cut -d' ' -f1)"
  [[ "$got" == "$sum" ]] || die "$spec: SHA-512 mismatch (got $got); refusing to install it"
  tar -xzf "$dir/$file" -C "$dir"
}

# up_to_date DIR STAMP: whether DIR holds what STAMP describes.
up_to_date() { [[ -f "$1/.version" && "$(cat "$1/.version")" == "$2" ]]; }

# require_files BASE FILE...: fails naming the first file a package did not ship.
require_files() {
  local base="$1" f
  shift
  for f in "$@"; do
    [[ -f "$base/$f" ]] || die "package layout changed: $f is missing"
  done
}

# replace_dir STAGED DEST STAMP: swaps a fully prepared directory into place; the stamp is
# written last so an interrupted run is redone next time.
replace_dir() {
  local staged="$1" dest="$2" stamp="$3"
  mkdir -p "$(dirname "$dest")"
  rm -rf "$dest"
  mv "$staged" "$dest"
  echo "$stamp" >"$dest/.version"
}

install_swagger_ui() {
  local dest="$THIRD_PARTY/web/swagger-ui" stamp="$SWAGGER_UI_SPEC $SWAGGER_UI_SHA512"
  up_to_date "$dest" "$stamp" && return 0
  log "installing $SWAGGER_UI_SPEC"
  local tmp f files=(swagger-ui.css swagger-ui-bundle.js swagger-ui-standalone-preset.js
    favicon-16x16.png favicon-32x32.png LICENSE)
  tmp="$(new_tmp)"
  TMP_DIRS+=("$tmp")
  npm_fetch "$SWAGGER_UI_SPEC" "$SWAGGER_UI_SHA512" "$tmp"
  require_files "$tmp/package" "${files[@]}"
  mkdir "$tmp/out"
  for f in "${files[@]}"; do cp "$tmp/package/$f" "$tmp/out/"; done
  replace_dir "$tmp/out" "$dest" "$stamp"
}

install_redoc() {
  local dest="$THIRD_PARTY/web/redoc" stamp="$REDOC_SPEC $REDOC_SHA512"
  up_to_date "$dest" "$stamp" && return 0
  log "installing $REDOC_SPEC"
  local tmp
  tmp="$(new_tmp)"
  TMP_DIRS+=("$tmp")
  npm_fetch "$REDOC_SPEC" "$REDOC_SHA512" "$tmp"
  require_files "$tmp/package" bundles/redoc.standalone.js LICENSE
  mkdir "$tmp/out"
  cp "$tmp/package/bundles/redoc.standalone.js" "$tmp/package/LICENSE" "$tmp/out/"
  replace_dir "$tmp/out" "$dest" "$stamp"
}

# DuckDB for the local workspace: third_party/duckdb/lib/libduckdb.so and
# third_party/duckdb/include/duckdb.h (the C API), taken from two pinned npm packages.
install_duckdb() {
  local dest="$THIRD_PARTY/duckdb"
  local stamp="$DUCKDB_LIB_SPEC $DUCKDB_LIB_SHA512 $DUCKDB_HEADER_SPEC $DUCKDB_HEADER_SHA512"
  up_to_date "$dest" "$stamp" && return 0
  log "installing DuckDB ($DUCKDB_LIB_SPEC, header from $DUCKDB_HEADER_SPEC)"
  local tmp
  tmp="$(new_tmp)"
  TMP_DIRS+=("$tmp")
  mkdir "$tmp/lib" "$tmp/header" "$tmp/out" "$tmp/out/lib" "$tmp/out/include"
  npm_fetch "$DUCKDB_LIB_SPEC" "$DUCKDB_LIB_SHA512" "$tmp/lib"
  npm_fetch "$DUCKDB_HEADER_SPEC" "$DUCKDB_HEADER_SHA512" "$tmp/header"
  require_files "$tmp/lib/package" libduckdb.so LICENSE
  require_files "$tmp/header/package" src/duckdb/src/include/duckdb.h
  cp "$tmp/lib/package/libduckdb.so" "$tmp/out/lib/"
  cp "$tmp/header/package/src/duckdb/src/include/duckdb.h" "$tmp/out/include/"
  cp "$tmp/lib/package/LICENSE" "$tmp/out/LICENSE"
  replace_dir "$tmp/out" "$dest" "$stamp"
}

# The official Databricks SDK for JavaScript, for the emulator's contract suite
# (tests/contract/js): `npm ci` of the committed lockfile, whose integrity hashes npm checks,
# into third_party/js-sdk with no install scripts run.
install_js_sdk() {
  local src="$ROOT/tests/contract/js" dest="$THIRD_PARTY/js-sdk" stamp
  stamp="$(cat "$src/package.json" "$src/package-lock.json" | sha512sum | cut -d' ' -f1)"
  up_to_date "$dest" "$stamp" && return 0
  command -v npm >/dev/null || die "npm is missing; run without --no-apt or install npm"
  log "installing the Databricks JS SDK for the contract suite (npm ci of $src/package-lock.json)"
  local tmp
  tmp="$(new_tmp)"
  TMP_DIRS+=("$tmp")
  mkdir "$tmp/out"
  cp "$src/package.json" "$src/package-lock.json" "$tmp/out/"
  (cd "$tmp/out" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) ||
    die "npm ci of the JS SDK lockfile failed"
  require_files "$tmp/out" node_modules/@databricks/sdk-experimental/package.json
  replace_dir "$tmp/out" "$dest" "$stamp"
}

main() {
  ((with_apt)) && install_debian_packages
  export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
  install_swagger_ui
  install_redoc
  ((with_duckdb)) && install_duckdb
  ((with_test)) && install_js_sdk
  return 0
}

main
