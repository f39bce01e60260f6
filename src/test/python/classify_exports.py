#!/usr/bin/env python3
"""For each export given, whether its mag-1 segmentation (read with the independent reference
reader ../shared/tools/wkref.py) equals the OLD or the NEW reference export voxel by voxel, or
neither ("mixed"). Prints one word per export, one per line. Used by the crash and fault tests.

usage: classify_exports.py SHARED_DIR OLD_EXPORT NEW_EXPORT EXPORT...
"""
import sys
sys.path.insert(0, sys.argv[1] + "/tools")
import numpy as np
import wkref

old = wkref.read_layer(sys.argv[2], "segmentation")[0]
new = wkref.read_layer(sys.argv[3], "segmentation")[0]
if np.array_equal(old, new):
    raise SystemExit("the old and new references are equal: nothing to tell apart")
for path in sys.argv[4:]:
    try:
        vol = wkref.read_layer(path, "segmentation")[0]
    except Exception as e:  # a torn or missing chunk is a mixed state too
        print("mixed (%s)" % e)
        continue
    print("old" if np.array_equal(vol, old) else "new" if np.array_equal(vol, new) else "mixed")
