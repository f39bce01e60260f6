#!/bin/sh
# Makes lib/app/proofbox.jsa of an installed or built Proofbox app image: the class-data-sharing
# archive its launcher maps (-XX:SharedArchiveFile=$APPDIR/proofbox.jsa), from the class list
# beside it (lib/app/classlist), with the image's own runtime and the launcher's class path and heap
# setting — Java 17 only maps an archive dumped for exactly that path (decision 0011). Run by the
# build for target/jpackage/Proofbox and by the .deb's postinst for /opt/proofbox. Without the
# archive the app starts as usual, only slower; so a failure here is reported and not fatal.
#   cds-dump.sh APP_IMAGE_DIR        (the folder holding bin/ and lib/)
set -u
root=$(cd "${1:?usage: cds-dump.sh APP_IMAGE_DIR}" && pwd)
app="$root/lib/app"
java="$root/lib/runtime/bin/java"
cfg=$(ls "$app"/*.cfg 2>/dev/null | head -1)
[ -x "$java" ] && [ -f "$cfg" ] && [ -f "$app/classlist" ] || { echo "cds-dump: no runtime java, launcher .cfg or classlist under $root" >&2; exit 0; }
cp=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed "s|\\\$APPDIR|$app|g" | paste -sd: -)
rm -f "$app/proofbox.jsa"
if "$java" -Xshare:dump -XX:MaxRAMPercentage=70 -XX:SharedClassListFile="$app/classlist" \
     -XX:SharedArchiveFile="$app/proofbox.jsa" -cp "$cp" >"$app/.cds-dump.log" 2>&1; then
  rm -f "$app/.cds-dump.log"
  echo "cds-dump: $app/proofbox.jsa"
else
  rm -f "$app/proofbox.jsa"
  echo "cds-dump: no archive (the app starts without it); see $app/.cds-dump.log" >&2
fi
