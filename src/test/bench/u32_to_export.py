#!/usr/bin/env python3
"""Turns an anchors volume (raw uint32, x fastest; shared/anchors/gen.py) into a WEBKNOSSOS export.

usage: u32_to_export.py VOL.u32 OUTDIR   (the .json header beside VOL gives shape and voxel size)
Zarr v2, order F, "/" keys, 32^3 chunks, zlib level 1; numpy + zlib only.
"""
import json, os, sys, zlib
import numpy as np

vol_path, out = sys.argv[1], sys.argv[2]
head = json.load(open(os.path.splitext(vol_path)[0] + ".json"))
X, Y, Z = head["size_xyz"]
vz, vy, vx = head["voxel_size_zyx"]
a = np.fromfile(vol_path, dtype="<u4").reshape(Z, Y, X).transpose(2, 1, 0)  # (x, y, z)
c = 32
arr = os.path.join(out, "segmentation", "1")
os.makedirs(arr, exist_ok=True)
json.dump({"zarr_format": 2, "shape": [1, X, Y, Z], "chunks": [1, c, c, c], "dtype": "<u4", "order": "F",
           "dimension_separator": "/", "fill_value": 0, "filters": None, "compressor": {"id": "zlib", "level": 1}},
          open(os.path.join(arr, ".zarray"), "w"))
for ix in range(0, X, c):
    for iy in range(0, Y, c):
        for iz in range(0, Z, c):
            block = np.zeros((1, c, c, c), "<u4")
            part = a[ix:ix + c, iy:iy + c, iz:iz + c]
            block[0, :part.shape[0], :part.shape[1], :part.shape[2]] = part
            d = os.path.join(arr, "0", str(ix // c), str(iy // c))
            os.makedirs(d, exist_ok=True)
            open(os.path.join(d, str(iz // c)), "wb").write(zlib.compress(block.tobytes(order="F"), 1))
props = {"version": 1, "id": {"name": os.path.basename(out), "team": ""}, "scale": [10.0 * vx, 10.0 * vy, 10.0 * vz],
         "dataLayers": [{"name": "segmentation", "category": "segmentation", "dataFormat": "zarr", "elementClass": "uint32",
                         "boundingBox": {"topLeft": [0, 0, 0], "width": X, "height": Y, "depth": Z},
                         "mags": [{"mag": [1, 1, 1], "path": "./segmentation/1"}], "numChannels": 1,
                         "largestSegmentId": int(a.max())}]}
json.dump(props, open(os.path.join(out, "datasource-properties.json"), "w"), indent=1)
print("wrote", out)
