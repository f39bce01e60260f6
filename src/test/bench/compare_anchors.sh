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
java_opts="-Xmx12g -XX:+UseTransparentHugePages ${PROOFBOX_JAVA_OPTS:-}"  # e.g. PROOFBOX_JAVA_OPTS=-Dproofbox.wideSlots=true

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

# connected components and holes: the C union-find (ccl) and per-segment BFS (holes) anchors in the same run;
# cc3d is not kept in shared/anchors, so its figure comes from RESULTS.md (same machine type, same file).
c_ccl26=$("$work/native/ccl" "$vol" "$X" "$Y" "$Z" 26 3 | sed -n 's/.*"mvox_per_s":\([0-9.]*\).*/\1/p')
c_ccl6=$("$work/native/ccl" "$vol" "$X" "$Y" "$Z" 6 3 | sed -n 's/.*"mvox_per_s":\([0-9.]*\).*/\1/p')
c_holes=$("$work/native/holes" "$vol" "$X" "$Y" "$Z" 3 | sed -n 's/.*"mvox_per_s":\([0-9.]*\).*/\1/p')
j26_1=$(echo "$out" | sed -n 's/.*components + holes, 26-conn, 1 thread.* \([0-9.]*\) Mvoxel\/s/\1/p')
j26_n=$(echo "$out" | sed -n 's/.*components + holes, 26-conn, [2-9][0-9]* threads.* \([0-9.]*\) Mvoxel\/s/\1/p')
j6_1=$(echo "$out" | sed -n 's/.*components + holes, 6-conn, 1 thread.* \([0-9.]*\) Mvoxel\/s/\1/p')
j6_n=$(echo "$out" | sed -n 's/.*components + holes, 6-conn, [2-9][0-9]* threads.* \([0-9.]*\) Mvoxel\/s/\1/p')
echo
echo "components (+ holes, one pass) on $(basename "$vol"), same run; cc3d from RESULTS.md (26: 269, 6: 312 Mvoxel/s):"
awk -v c26="$c_ccl26" -v c6="$c_ccl6" -v h="$c_holes" -v a="$j26_1" -v b="$j26_n" -v d="$j6_1" -v e="$j6_n" 'BEGIN {
  printf "  26-conn  C union-find %6.1f | Proofbox 1 thread %6.1f = %.2fx C, %.2fx cc3d (goal >= 200, >= 0.75x) | all cores %6.1f = %.2fx cc3d (goal > 1x)\n", c26, a, a / c26, a / 269, b, b / 269;
  printf "   6-conn  C union-find %6.1f | Proofbox 1 thread %6.1f = %.2fx C, %.2fx cc3d                       | all cores %6.1f = %.2fx cc3d\n", c6, d, d / c6, d / 312, e, e / 312;
  printf "  holes    C per-segment BFS %6.1f | Proofbox (same pass as 26-conn components) %6.1f = %.1fx (goal >= 100)\n", h, a, a / h }'
