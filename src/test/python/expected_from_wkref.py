#!/usr/bin/env python3
"""Writes the expected values of the real-data tests with an independent reader.

Uses ../shared/tools/wkref.py (numpy + zlib, no Proofbox code) on each dataset in ../shared/data and
writes src/test/resources/expected/<dataset>.json: segment count, largest id, labelled voxels, every
segment's voxel count and inclusive bounding box (global coordinates), and the segment id and raw
value at a few fixed positions. Run from the repository root:  python3 src/test/python/expected_from_wkref.py
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
sys.path.insert(0, os.path.join(SHARED, "tools"))
import wkref  # noqa: E402

for name in ("gala_fib_train", "neuroproof_medulla_ts2"):
    ds = os.path.join(SHARED, "data", name)
    seg, tl, _ = wkref.read_layer(ds, "segmentation")
    raw, _, _ = wkref.read_layer(ds, "color")
    segs = wkref.segments(seg, tl)
    rng = np.random.default_rng(7)
    probes = [[0, 0, 0], [s - 1 for s in seg.shape]] + [[int(rng.integers(0, s)) for s in seg.shape] for _ in range(30)]
    out = {
        "dataset": name,
        "shape": list(seg.shape),
        "segmentCount": len(segs),
        "largestSegmentId": max(segs) if segs else 0,
        "labelledVoxels": int((seg != 0).sum()),
        "segments": [{"id": i, "voxels": v, "bboxMin": lo, "bboxMax": hi} for i, (v, lo, hi) in sorted(segs.items())],
        "probes": [{"at": [p[d] + tl[d] for d in range(3)], "segment": int(seg[tuple(p)]), "raw": int(raw[tuple(p)])} for p in probes],
    }
    with open(os.path.join(ROOT, "src", "test", "resources", "expected", name + ".json"), "w") as f:
        json.dump(out, f, indent=0)
    print(name, out["segmentCount"], out["largestSegmentId"])
