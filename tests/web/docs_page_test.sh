#!/usr/bin/env bash
# Browser test of the API documentation pages, as a person would see them: starts clxs on a
# free loopback port with a temporary data directory, loads /docs in headless Chromium and
# checks that Swagger UI rendered a section for every tag in /openapi.json; checks that
# /redoc renders from the local redoc.standalone.js; and that neither page refers to any
# host but the server itself (no CDN).
#
#   CLXS_BINARY=build/bin/clxs tests/web/docs_page_test.sh
#   REQUIRED_TAGS="notebooks" (default) tags that must be among the rendered ones
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CLXS_BINARY="${CLXS_BINARY:-$ROOT/build/bin/clxs}"
REQUIRED_TAGS="${REQUIRED_TAGS:-notebooks}"
BUDGET_MS="${BUDGET_MS:-15000}"

passed=0
failed=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
finish() {
  echo "$passed passed, $failed failed"
  ((failed == 0))
  exit $?
}
fatal() {
  fail "$*"
  finish
}

chromium_bin="${CHROMIUM:-}"
if [[ -z "$chromium_bin" ]]; then
  for c in chromium chromium-browser google-chrome; do
    chromium_bin="$(command -v "$c" 2>/dev/null)" && break
  done
fi
[[ -x "$CLXS_BINARY" ]] || fatal "clxs binary not found at $CLXS_BINARY (set CLXS_BINARY)"
[[ -n "$chromium_bin" ]] || fatal "chromium is not installed (scripts/setup.sh --test installs it)"
for tool in curl python3; do
  command -v "$tool" >/dev/null || fatal "$tool is not installed (scripts/setup.sh --test)"
done

work="$(mktemp -d "${TMPDIR:-/tmp}/clxs-webtest.XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Start the server; a port picked free can be taken meanwhile, so try a few.
for _attempt in 1 2 3; do
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "$CLXS_BINARY" serve --host 127.0.0.1 --port "$port" --data-dir "$work/data" \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 200); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/api/health" && break 2
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  server_pid=""
done
if [[ -z "$server_pid" ]]; then
  cat "$work/server.log" >&2
  fatal "clxs did not answer /api/health on 127.0.0.1 (server output above)"
fi
base="http://127.0.0.1:$port"

# Tags the API declares, from the OpenAPI document.
if ! curl -sf "$base/openapi.json" -o "$work/openapi.json"; then
  fatal "GET /openapi.json failed"
fi
mapfile -t tags < <(python3 - "$work/openapi.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
seen = []
for item in doc.get("paths", {}).values():
    for op in item.values():
        if isinstance(op, dict):
            for t in op.get("tags", []):
                if t not in seen:
                    seen.append(t)
print("\n".join(seen))
EOF
)
if ((${#tags[@]} == 0)); then
  fail "/openapi.json declares no tags on its operations"
else
  pass "/openapi.json declares ${#tags[@]} tags: ${tags[*]}"
fi
for t in $REQUIRED_TAGS; do
  if printf '%s\n' "${tags[@]}" | grep -qxF "$t"; then
    pass "tag '$t' is in /openapi.json"
  else
    fail "tag '$t' is missing from /openapi.json"
  fi
done

# render URL OUT: the DOM after scripts ran, from headless Chromium. The flags stop
# Chromium's own background connections, and the dead proxy (loopback bypasses it) keeps
# a page from reaching any other host, so a page that needs a CDN fails to render.
render() {
  timeout 90 "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-dev-shm-usage --proxy-server=http://127.0.0.1:9 \
    --user-data-dir="$work/chromium-$RANDOM" \
    --virtual-time-budget="$BUDGET_MS" --dump-dom "$1" >"$2" 2>"$2.err"
}

# has_element DOM TAG ATTR PREFIX NAME_ATTR: whether DOM has an element whose ATTR has a
# word PREFIX (for class) or a value starting with PREFIX, and whose NAME_ATTR is TAG.
has_element() {
  python3 - "$@" <<'EOF'
import sys
from html.parser import HTMLParser
path, tag, attr, prefix, name_attr = sys.argv[1:6]
class P(HTMLParser):
    found = False
    def handle_starttag(self, name, attrs):
        a = dict(attrs)
        v = a.get(attr) or ""
        hit = prefix in v.split() if attr == "class" else v.startswith(prefix)
        if hit and a.get(name_attr) == tag:
            P.found = True
P().feed(open(path, encoding="utf-8", errors="replace").read())
sys.exit(0 if P.found else 1)
EOF
}

# /docs: Swagger UI renders each tag as an element of class "opblock-tag" with data-tag.
if render "$base/docs" "$work/docs.dom"; then
  if grep -q 'Failed to load API definition' "$work/docs.dom"; then
    fail "Swagger UI on /docs could not load the API definition"
  fi
  missing=()
  for t in "${tags[@]}"; do
    has_element "$work/docs.dom" "$t" class opblock-tag data-tag || missing+=("$t")
  done
  if ((${#tags[@]} > 0 && ${#missing[@]} == 0)); then
    pass "/docs rendered a Swagger UI section for every tag (${#tags[@]})"
  else
    fail "/docs did not render Swagger UI tag sections for: ${missing[*]:-(no tags)}"
  fi
else
  fail "headless Chromium could not load /docs: $(tail -n 3 "$work/docs.dom.err")"
fi

# The HTML of both pages: its own assets only, each of them served.
check_page_html() {
  local page="$1" must_script="$2"
  local html="$work/${page#/}.html"
  if ! curl -sf "$base$page" -o "$html"; then
    fail "GET $page failed"
    return
  fi
  local external
  external="$(grep -Eo 'https?://[^"'"'"' <>)]+' "$html" |
    grep -Ev '^https?://(127\.0\.0\.1|localhost)([:/]|$)' | sort -u | tr '\n' ' ')"
  if [[ -n "$external" ]]; then
    fail "$page refers to outside URLs (no CDN allowed): $external"
  else
    pass "$page refers to no outside URL"
  fi
  local assets
  assets="$(python3 - "$html" "$base$page" <<'EOF'
import sys, urllib.parse
from html.parser import HTMLParser
html, page = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
class P(HTMLParser):
    urls = []
    def handle_starttag(self, name, attrs):
        a = dict(attrs)
        if name == "script" and a.get("src"):
            P.urls.append(a["src"])
        if name == "link" and a.get("href"):
            P.urls.append(a["href"])
P().feed(html)
for u in P.urls:
    print(urllib.parse.urljoin(page, u))
EOF
)"
  if [[ -n "$must_script" ]] && ! grep -q "/$must_script\$" <<<"$assets"; then
    fail "$page does not load $must_script from the server"
  elif [[ -n "$must_script" ]]; then
    pass "$page loads $must_script from the server"
  fi
  local u bad=()
  while read -r u; do
    # Outside URLs were reported above and are never fetched.
    [[ "$u" == "$base/"* ]] || continue
    curl -sf -o /dev/null "$u" || bad+=("$u")
  done <<<"$assets"
  if ((${#bad[@]} > 0)); then
    fail "$page refers to assets the server does not serve: ${bad[*]}"
  else
    pass "$page: every script and stylesheet it refers to is served"
  fi
}
check_page_html /docs swagger-ui-bundle.js
check_page_html /redoc redoc.standalone.js

# /redoc renders from the local bundle: Redoc's wrapper and the tag names appear.
if render "$base/redoc" "$work/redoc.dom"; then
  missing=()
  for t in "${tags[@]}"; do
    # Redoc's side menu has an entry per tag: data-item-id="tag/..." aria-label="NAME".
    has_element "$work/redoc.dom" "$t" data-item-id tag/ aria-label || missing+=("$t")
  done
  if ! grep -Eq 'class="[^"]*\bredoc-wrap\b' "$work/redoc.dom"; then
    fail "/redoc did not render (no Redoc content in the page)"
  elif ((${#missing[@]} > 0)); then
    fail "/redoc rendered without the tags: ${missing[*]}"
  else
    pass "/redoc rendered with every tag"
  fi
else
  fail "headless Chromium could not load /redoc: $(tail -n 3 "$work/redoc.dom.err")"
fi

finish
