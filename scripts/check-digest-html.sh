#!/usr/bin/env bash
# Renders the HTML weekly digest in headless Chromium and checks that it is safe and clean:
#   - a phone-width screenshot (412 px wide) is saved for review;
#   - the page logs nothing to the console (the digest has no scripts, so any console line is a CSP violation,
#     a blocked load or an error);
#   - the DOM has no <script>, <img>, <iframe> or <object> element, no on* attribute and no javascript: link;
#   - the hostile feed title of the fixed store ("<script>…" and "<img onerror=…>") is there, as text.
# Before the digest, the same checks run on a page with an injected <script> and <img onerror>, and must fail there:
# a checker that cannot fail proves nothing.
#
# Usage: scripts/check-digest-html.sh [DIGEST.html] [SCREENSHOT.png]
#   DIGEST.html  default: Tests/RegWatchReportTests/Golden/digest_2026-W27.html (the golden digest of the fixed store)
#   SCREENSHOT   default: .build-report/digest-screenshot.png (git-ignored)
# Installs Debian's chromium package when it is missing (needs root and apt).
set -euo pipefail
cd "$(dirname "$0")/.."

html=${1:-Tests/RegWatchReportTests/Golden/digest_2026-W27.html}
png=${2:-.build-report/digest-screenshot.png}
expect_hostile=1
[[ $# -ge 1 ]] && expect_hostile=0   # only the fixed store's digest is known to carry the hostile title

if [[ ! -f $html ]]; then
  echo "check-digest-html: error: $html: no such file; write one with 'regwatch digest --format html --out FILE'" >&2
  exit 2
fi

if ! command -v chromium >/dev/null 2>&1; then
  echo "check-digest-html: chromium is missing; installing Debian's chromium package" >&2
  if [[ $(id -u) -ne 0 ]]; then
    echo "check-digest-html: error: installing chromium needs root: run 'sudo apt-get install -y chromium'" >&2
    exit 2
  fi
  apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chrome=(chromium --headless --disable-gpu --no-sandbox --no-first-run --disable-extensions --hide-scrollbars
        --user-data-dir="$work/profile" --enable-logging=stderr --v=0)

# check PAGE LABEL: prints the problems found, one per line; exit status 1 when there are any.
check() {
  local page=$1 label=$2 problems=0
  local url="file://$(realpath "$page")"
  timeout 120 "${chrome[@]}" --dump-dom "$url" >"$work/dom.html" 2>"$work/dom.log" || true
  if [[ ! -s $work/dom.html ]]; then
    echo "$label: chromium printed no DOM (see $work/dom.log)"; cat "$work/dom.log" >&2; return 1
  fi
  if grep -q ':CONSOLE' "$work/dom.log"; then
    echo "$label: console messages:"; grep ':CONSOLE' "$work/dom.log" | sed 's/^/    /'; problems=1
  fi
  if grep -Eiq '<(script|img|iframe|object|embed)[ >/]' "$work/dom.html"; then
    echo "$label: injected elements:"; grep -Eio '<(script|img|iframe|object|embed)[^>]*>' "$work/dom.html" | sed 's/^/    /'; problems=1
  fi
  if grep -Eiq '<[a-z][^>]* on[a-z]+=' "$work/dom.html"; then
    echo "$label: event handler attributes in the DOM"; problems=1
  fi
  if grep -Eiq 'href="javascript:' "$work/dom.html"; then
    echo "$label: javascript: link in the DOM"; problems=1
  fi
  return $problems
}

# 1. The checker must catch an injection.
cat >"$work/canary.html" <<'EOF'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>canary</title></head>
<body><h3><script>console.log("ran")</script> Anthropic blocks <img src=x onerror=console.log("ran")></h3></body></html>
EOF
if check "$work/canary.html" "canary" >/dev/null; then
  echo "check-digest-html: error: the checker did not catch a page with an injected <script> and <img onerror>" >&2
  exit 1
fi

# 2. The digest.
status=0
check "$html" "$html" || status=1
if [[ $expect_hostile -eq 1 ]]; then
  for text in "&lt;script&gt;alert('title')&lt;/script&gt; Anthropic blocks &lt;img src=x onerror=alert(2)&gt;" \
              "&lt;script&gt;alert('watch')&lt;/script&gt; Watch for &lt;img src=x onerror=alert(3)&gt;"; do
    if ! grep -qF "$text" "$work/dom.html"; then
      echo "$html: the hostile feed text is not in the DOM as text: $text"; status=1
    fi
  done
fi

mkdir -p "$(dirname "$png")"
timeout 120 "${chrome[@]}" --screenshot="$(realpath -m "$png")" --window-size=412,2000 "file://$(realpath "$html")" \
  >/dev/null 2>"$work/shot.log" || true
if [[ ! -s $png ]]; then
  echo "$html: no screenshot was written"; cat "$work/shot.log" >&2; status=1
elif grep -q ':CONSOLE' "$work/shot.log"; then
  echo "$html: console messages while taking the screenshot:"; grep ':CONSOLE' "$work/shot.log" | sed 's/^/    /'; status=1
fi

if [[ $status -eq 0 ]]; then
  echo "check-digest-html: ok: $html renders with no console messages and no injected nodes; screenshot: $png"
else
  echo "check-digest-html: FAILED: $html" >&2
fi
exit $status
