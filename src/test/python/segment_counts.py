#!/usr/bin/env python3
"""Voxel count per id inside the box of an export's segmentation (mag 1), read with the independent
reference reader ../shared/tools/wkref.py. Prints one JSON object {"id": count}. Used by the save
round-trip test to check what Proofbox wrote with code that is not Proofbox's.

usage: segment_counts.py SHARED_DIR EXPORT_DIR
"""
import json, sys
sys.path.insert(0, sys.argv[1] + "/tools")
import numpy as np
import wkref

vol, tl, props = wkref.read_layer(sys.argv[2], "segmentation")
layer = next(l for l in props["dataLayers"] if l["name"] == "segmentation")
bb = layer["boundingBox"]
size = [bb["width"], bb["height"], bb["depth"]]
if all(vol.shape[i] >= tl[i] + size[i] for i in range(3)):
    vol = vol[tl[0]:tl[0] + size[0], tl[1]:tl[1] + size[1], tl[2]:tl[2] + size[2]]
ids, counts = np.unique(vol, return_counts=True)
print(json.dumps({str(int(i)): int(c) for i, c in zip(ids, counts)}))
