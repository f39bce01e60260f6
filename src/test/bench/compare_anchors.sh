#!/usr/bin/env bash
# Runs the C anchors of ../shared/anchors beside Proofbox's own benchmarks on the same file, in one
# run, and prints the ratios. Usage: src/test/bench/compare_anchors.sh [PRESET]   (256, 512, 1024)
# Needs python3 with numpy+scipy (to generate the volume once), gcc, and a built target/proofbox.jar.
set -euo pipefail
cd "$(dirname "$0")/../../.."
preset=${1:-512}
case $preset in 256) dims="256 256 256";; 512) dims="512 512 256";; 1024) dims="1024 1024 256";; *) echo "preset 256|512|1024" >&2; exit 2;; esac
read -r X Y Z <<<"$dims"
work=${PROOFBOX_ANCHORS:-/tmp/proofbox-anchors}
shared=$(cd ../shared && pwd)
mkdir -p "$work"
vol="$work/data/labels_${X}x${Y}x${Z}.u32"
[ -f "$vol" ] || python3 "$shared/anchors/gen.py" "$preset" --out "$work/data"
if [ ! -x "$work/native/reg" ]; then
  rm -rf "$work/native" && cp -r "$shared/anchors/native" "$work/native" && make -s -C "$work/native" >/dev/null
fi
[ -f target/proofbox.jar ] || mvn -q -DskipTests package
java_opts="-Xmx12g -XX:+UseTransparentHugePages"

c_reg=$("$work/native/reg" "$vol" "$X" "$Y" "$Z" 5 | sed -n 's/.*"mvox_per_s":\([0-9.]*\).*/\1/p')
out=$(java $java_opts -jar target/proofbox.jar bench raw "$vol" --shape "$X,$Y,$Z" --repeat 5)
echo "$out"
j_idx=$(echo "$out" | sed -n 's/.*in memory: index, 1 thread.* \([0-9.]*\) Mvoxel\/s/\1/p')
j_reg=$(echo "$out" | sed -n 's/.*registration (both), 1 thread.* \([0-9.]*\) Mvoxel\/s/\1/p')
echo
echo "registration on $(basename "$vol"), one thread, same run:"
awk -v c="$c_reg" -v i="$j_idx" -v r="$j_reg" 'BEGIN {
  printf "  C one-pass hash (anchor reg)          %7.1f Mvoxel/s\n", c;
  printf "  Proofbox index (slots in memory)      %7.1f Mvoxel/s  = %.2fx C   (goal >= 500)\n", i, i / c;
  printf "  Proofbox ids->slots + index           %7.1f Mvoxel/s  = %.2fx C\n", r, r / c }'
