#!/usr/bin/env bash
# Writes packaging/cds/classlist: the classes the app loads from its launch until the bundled
# sample's review is ready (the JVM's -XX:DumpLoadedClassList). `mvn package` turns that list into
# target/proofbox.jsa, a class-data-sharing archive the README's run command maps, so those classes
# are not read and verified from the jars again at every start (decision 0011). Classes the list
# names but the build no longer has are skipped at the dump; run this again after large changes
# to the window. Under Xvfb when there is no display.
#   packaging/cds-classlist.sh          (after mvn -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/proofbox.jar ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
work=$(mktemp -d)
app_pid=
. packaging/xvfb.sh
trap '[ -n "$app_pid" ] && kill $app_pid 2>/dev/null; [ -n "$xvfb_pid" ] && kill $xvfb_pid 2>/dev/null; rm -rf "$work"' EXIT
start_xvfb_if_headless
mkdir -p "$work/home"
HOME="$work/home" XDG_DATA_HOME= XDG_CONFIG_HOME= java -XX:DumpLoadedClassList="$work/classlist" \
  -XX:MaxRAMPercentage=70 -XX:MaxNewSize=256m -jar target/proofbox.jar >/dev/null 2>"$work/err" & app_pid=$!
for _ in $(seq 1 480); do
  grep -q '^proofbox: ready for review' "$work/err" && break
  kill -0 $app_pid 2>/dev/null || { echo "the app ended early:" >&2; cat "$work/err" >&2; exit 1; }
  sleep 0.25
done
grep -q '^proofbox: ready for review' "$work/err" || { echo "no 'ready for review' in 120 s" >&2; exit 1; }
sleep 1
kill $app_pid; wait $app_pid 2>/dev/null || true; app_pid=
mv "$work/classlist" packaging/cds/classlist
echo "packaging/cds/classlist: $(grep -vc '^[#@]' packaging/cds/classlist) classes, $(grep -c '^org/proofbox/' packaging/cds/classlist) of them Proofbox's"
