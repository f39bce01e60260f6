#!/usr/bin/env bash
# Smoke test of the packaged app: starts the app image's launcher with no argument (as a first run:
# an empty home), under Xvfb when there is no display, and passes when the app says all three views
# show the bundled sample and its review is ready — with nothing written into the installation and
# the sample's session in the user's data folder. Run by `mvn -Ppackage verify` (integration-test).
#   packaging/smoke-test.sh [LAUNCHER] [OUT_DIR]
set -euo pipefail
launcher=${1:-target/jpackage/Proofbox/bin/Proofbox}
out=${2:-target/smoke}
limit=${SMOKE_TIMEOUT:-120}
[ -x "$launcher" ] || { echo "smoke test: no launcher at $launcher (mvn -Ppackage package builds it)" >&2; exit 1; }
# the README's run command maps target/proofbox.jsa (decision 0011): it must map, with Proofbox's classes in it
if [ -f target/proofbox.jar ]; then
  loaded=$(java -Xshare:on -XX:SharedArchiveFile=target/proofbox.jsa -XX:MaxRAMPercentage=70 -Xlog:class+load=info -jar target/proofbox.jar --version 2>&1 || true)
  grep -q 'org.proofbox.Launcher source: shared objects file' <<<"$loaded" \
    || { echo "smoke test: target/proofbox.jsa does not map for the README's run command (java -Xshare:on -XX:SharedArchiveFile=target/proofbox.jsa -jar target/proofbox.jar --version)" >&2; exit 1; }
fi
app_dir=$(cd "$(dirname "$launcher")/../lib/app" && pwd)
rm -rf "$out"
mkdir -p "$out/home"
out=$(cd "$out" && pwd)

app_pid=
. "$(dirname "$0")/xvfb.sh"
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT
start_xvfb_if_headless "$out/xvfb.log" || { echo "smoke test: cannot start a display" >&2; exit 1; }

before=$(cd "$app_dir" && find . -printf '%p %s %T@\n' | sort | md5sum)
start=$(date +%s%3N)
HOME="$out/home" XDG_DATA_HOME= XDG_CONFIG_HOME= "$launcher" >"$out/stdout" 2>"$out/stderr" &
app_pid=$!
first= ready=
for _ in $(seq 1 $((limit * 4))); do
  if [ -z "$first" ] && grep -q '^proofbox: first frame' "$out/stderr"; then
    shown=$(sed -n 's/^proofbox: first frame.*at epoch ms \([0-9]*\).*/\1/p' "$out/stderr" | head -1)
    first=$(awk -v s="$start" -v n="$shown" 'BEGIN { printf "%.2f", (n - s) / 1000 }')
    command -v import >/dev/null && import -window root "$out/first-frame.png" 2>/dev/null || true
  fi
  grep -q '^proofbox: ready for review' "$out/stderr" && { ready=1; break; }
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "smoke test: the app ended before its review was ready; its stderr:" >&2
    cat "$out/stderr" >&2
    exit 1
  fi
  sleep 0.25
done
if [ -z "$ready" ]; then
  echo "smoke test: no 'ready for review' within ${limit}s; stderr:" >&2
  cat "$out/stderr" >&2
  exit 1
fi
grep '^proofbox: first frame' "$out/stderr"
grep '^proofbox: ready for review' "$out/stderr"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=
after=$(cd "$app_dir" && find . -printf '%p %s %T@\n' | sort | md5sum)
[ "$before" = "$after" ] || { echo "smoke test: the app wrote into its installation ($app_dir)" >&2; exit 1; }
grep '^proofbox: ready for review' "$out/stderr" | grep -qF "(session $out/home/.local/share/proofbox/sessions/" \
  || { echo "smoke test: the sample's review session would not go to the user's data folder ($out/home/.local/share/proofbox)" >&2; exit 1; }
echo "smoke test: passed (first frame ${first:-?} s after the launch; nothing written into $app_dir${first:+; screenshot $out/first-frame.png})"
