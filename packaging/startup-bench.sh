#!/usr/bin/env bash
# Start-up time to the first frame (all three views show the bundled sample), median of N runs,
# of the packaged app image's launcher beside `java -jar target/proofbox.jar` with the README's
# options, alternating, each as a first run (empty home). Under Xvfb when there is no display.
#   packaging/startup-bench.sh [N]      (after mvn -Ppackage package)
set -euo pipefail
n=${1:-5}
launcher=target/jpackage/Proofbox/bin/Proofbox
[ -x "$launcher" ] && [ -f target/proofbox.jar ] || { echo "build first: mvn -B -DskipTests -Ppackage package" >&2; exit 1; }
work=$(mktemp -d)
. "$(dirname "$0")/xvfb.sh"
trap '[ -n "$xvfb_pid" ] && kill $xvfb_pid 2>/dev/null; rm -rf "$work"' EXIT
start_xvfb_if_headless

once() { # prints seconds from the launch to the first frame
  rm -rf "$work/home"; mkdir -p "$work/home"
  local start pid shown
  start=$(date +%s%3N)
  HOME="$work/home" XDG_DATA_HOME= XDG_CONFIG_HOME= "$@" >/dev/null 2>"$work/err" & pid=$!
  for _ in $(seq 1 240); do
    shown=$(sed -n 's/^proofbox: first frame.*at epoch ms \([0-9]*\).*/\1/p' "$work/err" | head -1)
    [ -n "$shown" ] && break
    sleep 0.25
  done
  kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
  [ -n "$shown" ] || { echo "no first frame; stderr:" >&2; cat "$work/err" >&2; exit 1; }
  awk -v s="$start" -v e="$shown" 'BEGIN { printf "%.2f\n", (e - s) / 1000 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

: >"$work/image"; : >"$work/jar"; : >"$work/plain"
for i in $(seq 1 "$n"); do
  once "$launcher" >>"$work/image"
  once java -XX:SharedArchiveFile=target/proofbox.jsa -XX:MaxRAMPercentage=70 -XX:MaxNewSize=256m -XX:+UseTransparentHugePages -jar target/proofbox.jar >>"$work/jar"
  once java -XX:MaxRAMPercentage=70 -XX:MaxNewSize=256m -XX:+UseTransparentHugePages -jar target/proofbox.jar >>"$work/plain"
done
echo "first frame of the bundled sample, median of $n (s):"
echo "  app image launcher ($(du -sh target/jpackage/Proofbox | cut -f1) on disk): $(median <"$work/image")   runs: $(tr '\n' ' ' <"$work/image")"
echo "  java -jar target/proofbox.jar (README):    $(median <"$work/jar")   runs: $(tr '\n' ' ' <"$work/jar")"
echo "  the same without target/proofbox.jsa:      $(median <"$work/plain")   runs: $(tr '\n' ' ' <"$work/plain")"
deb=$(ls target/jpackage-deb/*.deb 2>/dev/null | head -1 || true)
[ -n "$deb" ] && echo "  .deb: $(du -h "$deb" | cut -f1) ($deb)"
exit 0
