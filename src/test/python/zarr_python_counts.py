#!/usr/bin/python3
"""Voxel count per id of a layer's mags, read with zarr-python (Debian's python3-zarr, the
reference Zarr v2 implementation): what Proofbox saved, read by the library everyone else uses.
Prints one JSON object {"MAG": {"id": count}} over the box region of each mag.

usage: zarr_python_counts.py EXPORT_DIR LAYER
"""
import json, os, sys
import numpy as np
import zarr

root, name = sys.argv[1], sys.argv[2]
props = json.load(open(os.path.join(root, "datasource-properties.json")))
layer = next(l for l in props["dataLayers"] if l["name"] == name)
bb = layer["boundingBox"]
out = {}
for m in layer["mags"]:
    mag = m["mag"]
    a = zarr.open(os.path.normpath(os.path.join(root, m["path"])), mode="r")
    v = a[0] if a.ndim == 4 else a[...]
    start = [bb["topLeft"][i] // mag[i] for i in range(3)]
    end = [-(-(bb["topLeft"][i] + [bb["width"], bb["height"], bb["depth"]][i]) // mag[i]) for i in range(3)]
    size = [end[i] - start[i] for i in range(3)]
    if all(v.shape[i] >= end[i] for i in range(3)) and not all(v.shape[i] == size[i] for i in range(3)):
        v = v[start[0]:end[0], start[1]:end[1], start[2]:end[2]]  # an absolute array
    ids, counts = np.unique(v, return_counts=True)
    out["-".join(map(str, mag))] = {str(int(i)): int(c) for i, c in zip(ids, counts)}
print(json.dumps(out))
