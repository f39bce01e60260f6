"""Reads a binary STL or PLY written by `proofbox mesh` with numpy only (an independent reader) and
prints, per segment index: triangles, whether every edge is shared by exactly two triangles
traversing it in opposite directions, the enclosed volume (nm^3) and the bounds, as JSON."""
import json
import sys

import numpy as np


def stl(path):
    data = open(path, "rb").read()
    n = int(np.frombuffer(data, "<u4", 1, 80)[0])
    rec = np.dtype([("n", "<f4", 3), ("v", "<f4", (3, 3)), ("attr", "<u2")])
    t = np.frombuffer(data, rec, n, 84)
    assert len(data) == 84 + 50 * n, "size"
    pts = t["v"].reshape(-1, 3)
    # vertices by exact coordinates (the writer repeats each shared vertex bit for bit)
    uniq, idx = np.unique(pts, axis=0, return_inverse=True)
    return uniq, idx.reshape(-1, 3), t["attr"].astype(np.int64)


def ply(path):
    data = open(path, "rb").read()
    end = data.index(b"end_header\n") + len(b"end_header\n")
    head = data[:end].decode("ascii").splitlines()
    nv = int([l for l in head if l.startswith("element vertex")][0].split()[2])
    nf = int([l for l in head if l.startswith("element face")][0].split()[2])
    v = np.frombuffer(data, "<f4", 3 * nv, end).reshape(-1, 3)
    rec = np.dtype([("k", "u1"), ("i", "<i4", 3), ("s", "<i4")])
    f = np.frombuffer(data, rec, nf, end + 12 * nv)
    assert (f["k"] == 3).all()
    assert len(data) == end + 12 * nv + 17 * nf, "size"
    return v.astype(np.float64), f["i"].astype(np.int64), f["s"].astype(np.int64)


def main():
    path = sys.argv[1]
    v, tri, seg = stl(path) if path.lower().endswith(".stl") else ply(path)
    v = v.astype(np.float64)
    out = {}
    for s in np.unique(seg):
        t = tri[seg == s]
        a, b, c = v[t[:, 0]], v[t[:, 1]], v[t[:, 2]]
        vol = float(np.einsum("ij,ij->i", a, np.cross(b, c)).sum() / 6)
        e = np.concatenate([t[:, [0, 1]], t[:, [1, 2]], t[:, [2, 0]]])
        directed = {tuple(x) for x in e.tolist()}
        closed = len(directed) == len(e) and all((q, p) in directed for p, q in directed)
        used = v[np.unique(t)]
        out[int(s)] = {"triangles": int(len(t)), "closed": bool(closed), "volume": vol,
                       "min": used.min(axis=0).tolist(), "max": used.max(axis=0).tolist()}
    print(json.dumps(out))


main()
