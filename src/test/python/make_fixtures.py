#!/usr/bin/env python3
"""Small exports written by numpy + zlib/gzip alone (no Proofbox code), with numpy's own statistics.

Writes src/test/resources/fixtures/<name>/ (a WEBKNOSSOS export) and <name>.expected.json. Each
fixture covers a layout the real datasets do not: Fortran order with "/" keys, uint64 ids beyond
2^63, big-endian C order with gzip, absolute coordinates, mags without "path", a missing chunk.
Run from the repository root:  python3 src/test/python/make_fixtures.py
"""
import gzip, json, os, shutil, zlib
import numpy as np

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures")


def write_array(path, vol, chunks, dtype, order, sep, comp, skip=()):
    """vol is (x, y, z); stored with axes (c, x, y, z)."""
    os.makedirs(path, exist_ok=True)
    shape = (1,) + vol.shape
    ch = (1,) + tuple(chunks)
    meta = {"zarr_format": 2, "shape": list(shape), "chunks": list(ch), "dtype": dtype, "order": order,
            "dimension_separator": sep, "fill_value": 0, "filters": None,
            "compressor": None if comp is None else {"id": comp, "level": 5}}
    json.dump(meta, open(os.path.join(path, ".zarray"), "w"))
    a = vol.astype(np.dtype(dtype))[None]
    grid = [-(-s // c) for s, c in zip(shape, ch)]
    for idx in np.ndindex(*grid):
        if idx in skip:
            continue
        block = np.zeros(ch, dtype=np.dtype(dtype))
        sl = tuple(slice(i * c, min((i + 1) * c, s)) for i, c, s in zip(idx, ch, shape))
        block[tuple(slice(0, x.stop - x.start) for x in sl)] = a[sl]
        if not block.any():
            continue  # absent chunks read as the fill value (0)
        raw = block.tobytes(order=order)
        if comp == "zlib":
            raw = zlib.compress(raw, 5)
        elif comp == "gzip":
            raw = gzip.compress(raw, 5)
        key = sep.join(map(str, idx))
        os.makedirs(os.path.dirname(os.path.join(path, key)), exist_ok=True)
        open(os.path.join(path, key), "wb").write(raw)


def stats(vol, top_left):
    ids, counts = np.unique(vol, return_counts=True)
    segs = []
    for i, c in zip(ids, counts):
        if i == 0:
            continue
        where = np.argwhere(vol == i)
        lo = (where.min(0) + top_left).tolist()
        hi = (where.max(0) + top_left).tolist()
        segs.append({"id": int(i), "voxels": int(c), "bboxMin": lo, "bboxMax": hi})
    return segs


def fixture(name, vol, top_left, dtype, order, sep, comp, chunks, absolute, with_path, skip=()):
    d = os.path.join(OUT, name)
    shutil.rmtree(d, ignore_errors=True)
    if absolute:
        full = np.zeros(tuple(t + s for t, s in zip(top_left, vol.shape)), vol.dtype)
        full[top_left[0]:, top_left[1]:, top_left[2]:] = vol
        arr = full
    else:
        arr = vol
    write_array(os.path.join(d, "segmentation", "1"), arr, chunks, dtype, order, sep, comp, skip)
    mag = {"mag": [1, 1, 1]}
    if with_path:
        mag["path"] = "./segmentation/1"
    props = {"version": 1, "id": {"name": name, "team": ""},
             "scale": {"factor": [11.24, 11.24, 28.0], "unit": "nanometer"},
             "dataLayers": [{"name": "segmentation", "category": "segmentation", "dataFormat": "zarr",
                             "elementClass": {"<u8": "uint64", ">u4": "uint32", "<u4": "uint32", "<u2": "uint16"}[dtype],
                             "boundingBox": {"topLeft": list(top_left), "width": vol.shape[0], "height": vol.shape[1], "depth": vol.shape[2]},
                             "mags": [mag], "numChannels": 1, "largestSegmentId": None}]}
    json.dump(props, open(os.path.join(d, "datasource-properties.json"), "w"), indent=1)
    stored = vol.copy()
    if skip:  # voxels of skipped chunks read as the fill value
        off = np.array(top_left) if absolute else np.zeros(3, int)
        for idx in skip:
            lo = np.array(idx[1:]) * chunks - off
            hi = lo + chunks
            lo = np.maximum(lo, 0)
            stored[lo[0]:max(0, hi[0]), lo[1]:max(0, hi[1]), lo[2]:max(0, hi[2])] = 0
    exp = {"segments": stats(stored, np.array(top_left)),
           "probes": [{"at": [int(x + top_left[0]), int(y + top_left[1]), int(z + top_left[2])], "segment": int(stored[x, y, z])}
                      for x, y, z in [(0, 0, 0), (vol.shape[0] - 1, vol.shape[1] - 1, vol.shape[2] - 1), (3, 5, 7), (11, 2, 4)]]}
    json.dump(exp, open(os.path.join(OUT, name + ".expected.json"), "w"), indent=0)


rng = np.random.default_rng(11)
shape = (21, 14, 10)
base = rng.integers(0, 6, size=shape)
big = np.array([0, 3, 2**32 + 3, 2**63 + 7, 2**64 - 1, 2**31], dtype=np.uint64)
fixture("f_order_slash_u8_absolute", big[base], (64, 32, 8), "<u8", "F", "/", "zlib", (8, 8, 4), True, True)
u32 = np.array([0, 1, 2**31 - 1, 2**31, 2**32 - 2, 77], dtype=np.uint64)
fixture("c_order_bigendian_u4_gzip_nopath", u32[base].astype(np.uint32), (0, 0, 0), ">u4", "C", ".", "gzip", (16, 8, 8), False, False)
fixture("f_order_dot_u4_missing_chunk", u32[base].astype(np.uint32), (5, 6, 7), "<u4", "F", ".", None, (8, 8, 4), False, True,
        skip={(0, 1, 0, 1)})
print("fixtures written to", OUT)
