"""A generator of instance exports (issue 15) with planted defects, and of a dense export with
coarse mags, as WEBKNOSSOS's Python client writes them (Zarr v2, zlib, 32³ chunks, channel first).
numpy + zlib only. Prints what it planted, with mag-1 boxes.

  instance_export.py instance OUT 16-16-16|8-8-4   nuclei at that mag only; EM at mags 1…16
  instance_export.py dense OUT                      a dense mag-1 box (and mags 2, 4) with a split and a cavity
  instance_export.py read OUT LAYER MAG             the array of LAYER at MAG (x, y, z) → OUT.npy; prints its shape
"""
import json
import os
import sys
import zlib

import numpy as np

CHUNK = 32


def write_layer(root, name, category, mags, dtype, box):
    """mags: {"16-16-16": array (x, y, z) at that mag}."""
    entries = []
    for mname, a in mags.items():
        d = os.path.join(root, name, mname)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, ".zarray"), "w") as f:
            json.dump({"chunks": [1, CHUNK, CHUNK, CHUNK], "compressor": {"id": "zlib", "level": 1}, "dimension_separator": ".",
                       "dtype": np.dtype(dtype).str, "fill_value": 0, "filters": None, "order": "C", "shape": [1, *a.shape], "zarr_format": 2}, f)
        for cx in range(-(-a.shape[0] // CHUNK)):
            for cy in range(-(-a.shape[1] // CHUNK)):
                for cz in range(-(-a.shape[2] // CHUNK)):
                    part = a[cx * CHUNK:(cx + 1) * CHUNK, cy * CHUNK:(cy + 1) * CHUNK, cz * CHUNK:(cz + 1) * CHUNK]
                    c = np.zeros((1, CHUNK, CHUNK, CHUNK), dtype=dtype)
                    c[0, :part.shape[0], :part.shape[1], :part.shape[2]] = part
                    with open(os.path.join(d, f"0.{cx}.{cy}.{cz}"), "wb") as f:
                        f.write(zlib.compress(c.tobytes(), 1))
        mv = [int(v) for v in mname.split("-")]
        entries.append({"mag": mv * 3 if len(mv) == 1 else mv, "path": f"./{name}/{mname}"})
    layer = {"name": name, "category": category, "boundingBox": {"topLeft": [0, 0, 0], "width": box[0], "height": box[1], "depth": box[2]},
             "elementClass": np.dtype(dtype).name, "dataFormat": "zarr", "mags": entries, "numChannels": 1}
    if category == "segmentation":
        layer["largestSegmentId"] = int(max(a.max() for a in mags.values()))
    return layer


def ball(grid, c, r, scale):
    """Voxels of grid (x, y, z) within r (nm) of c (nm); scale: nm per voxel of the grid."""
    x, y, z = np.ogrid[:grid[0], :grid[1], :grid[2]]
    return ((x + 0.5) * scale[0] - c[0]) ** 2 + ((y + 0.5) * scale[1] - c[1]) ** 2 + ((z + 0.5) * scale[2] - c[2]) ** 2 <= r * r


def mag_box(mask, m):
    """The mag-1 box (topLeft, size) of a mask at mag m."""
    idx = np.argwhere(mask)
    lo, hi = idx.min(0), idx.max(0) + 1
    return {"topLeft": [int(lo[i] * m[i]) for i in range(3)], "size": [int((hi[i] - lo[i]) * m[i]) for i in range(3)]}


def instance(out, magname):
    m = [int(v) for v in magname.split("-")]
    aniso = m != [16, 16, 16]
    vs = [20.0, 20.0, 80.0] if aniso else [40.0, 40.0, 40.0]   # nm per mag-1 voxel (nuclei of a few µm, as at low resolution)
    box = [512, 512, 256] if not aniso else [512, 512, 128]
    grid = [box[i] // m[i] for i in range(3)]
    scale = [vs[i] * m[i] for i in range(3)]                  # nm per label voxel
    extent = [box[i] * vs[i] for i in range(3)]               # nm
    lab = np.zeros(grid, dtype=np.uint32)
    planted = []
    r = 0.09 * extent[0]
    def put(i, c, rad=r):
        mask = ball(grid, c, rad, scale)
        lab[mask] = i
        return mask
    e = extent
    a = put(101, (0.25 * e[0], 0.25 * e[1], 0.5 * e[2]))                       # with a cavity
    cav = ball(grid, (0.25 * e[0], 0.25 * e[1], 0.5 * e[2]), r * 0.35, scale)
    lab[cav] = 0
    planted.append({"defect": "hole", "id": 101, "box": mag_box(cav, m)})
    put(102, (0.75 * e[0], 0.25 * e[1], 0.3 * e[2]))                            # one nucleus, two ids' worth: split in two pieces
    p2 = put(102, (0.75 * e[0], 0.25 * e[1], 0.78 * e[2]), r * 0.85)
    planted.append({"defect": "disconnected", "id": 102, "box": mag_box(p2, m)})
    frag = np.zeros(grid, dtype=bool)
    fx, fy, fz = grid[0] // 2, grid[1] // 2, grid[2] // 2
    frag[fx:fx + 2, fy:fy + 1, fz:fz + 1] = True                                # a stray fragment: 2 voxels of its own id
    lab[frag] = 103
    planted.append({"defect": "small_fragment", "id": 103, "box": mag_box(frag, m)})
    cut = put(104, (0.0, 0.75 * e[1], 0.5 * e[2]))                               # cut by the box border (x = 0)
    planted.append({"defect": "cut_by_border", "id": 104, "box": mag_box(cut, m)})
    t1 = put(105, (0.62 * e[0], 0.72 * e[1], 0.5 * e[2]))                       # two touching nuclei with different ids
    t2 = ball(grid, (0.62 * e[0] + 2 * r - 0.5 * scale[0], 0.72 * e[1], 0.5 * e[2]), r, scale) & ~t1
    lab[t2] = 106
    planted.append({"defect": "touching", "id": 105, "other": 106, "box": mag_box(t1 & np.roll(t2, -1, axis=0) | t1 & np.roll(t2, 1, axis=0), m)})
    put(107, (0.4 * e[0], 0.55 * e[1], 0.5 * e[2]), r * 0.8)                    # clean
    s1 = ball(grid, (0.2 * e[0], 0.9 * e[1], 0.5 * e[2]), r * 0.8, scale)        # two nuclei joined by a brush stroke under one id:
    s2 = ball(grid, (0.36 * e[0], 0.9 * e[1], 0.5 * e[2]), r * 0.8, scale)       # far from convex
    x, y, z = np.ogrid[:grid[0], :grid[1], :grid[2]]
    neck = ((x + 0.5) * scale[0] > 0.2 * e[0]) & ((x + 0.5) * scale[0] < 0.36 * e[0]) & \
        (((y + 0.5) * scale[1] - 0.9 * e[1]) ** 2 + ((z + 0.5) * scale[2] - 0.5 * e[2]) ** 2 <= max(0.3 * r, 0.6 * scale[1], 0.6 * scale[2]) ** 2)
    lab[s1 | s2 | neck] = 108
    planted.append({"defect": "low_convexity", "id": 108, "box": mag_box(s1 | s2 | neck, m)})
    os.makedirs(out, exist_ok=True)
    # EM at mags 1 … 16 (x, y halved each step; z too, but not below the anisotropic labels' z steps)
    rng = np.random.default_rng(3)
    em = {}
    steps = [[1, 1, 1], [2, 2, 1], [4, 4, 2], [8, 8, 4], [16, 16, 8]] if aniso else [[1, 1, 1], [2, 2, 2], [4, 4, 4], [8, 8, 8], [16, 16, 16]]
    for s in steps:
        g = [box[i] // s[i] for i in range(3)]
        x, y, z = np.ogrid[:g[0], :g[1], :g[2]]
        base = (120 + 40 * np.sin(x * s[0] / 37.0) * np.cos(y * s[1] / 53.0) + 0 * z).astype(np.float32)
        coarse = lab[(np.arange(g[0]) * s[0] // m[0])[:, None, None], (np.arange(g[1]) * s[1] // m[1])[None, :, None], (np.arange(g[2]) * s[2] // m[2])[None, None, :]]
        base = np.where(coarse > 0, base - 60, base) + rng.normal(0, 6, size=g).astype(np.float32)
        em["-".join(map(str, s))] = np.clip(base, 0, 255).astype(np.uint8)
    layers = [write_layer(out, "color", "color", em, np.uint8, box), write_layer(out, "segmentation", "segmentation", {magname: lab}, np.uint32, box)]
    with open(os.path.join(out, "datasource-properties.json"), "w") as f:
        json.dump({"id": {"name": os.path.basename(out), "team": ""}, "scale": vs, "dataLayers": layers}, f, indent=2)
    print(json.dumps({"mag": m, "voxelSize": vs, "box": box, "planted": planted}))


def dense(out):
    box = [256, 256, 128]
    lab = np.zeros(box, dtype=np.uint32)
    k = 1
    for x in range(0, 256, 64):            # cells: 64 × 64 × 64 blocks, one voxel of membrane between them
        for y in range(0, 256, 64):
            for z in range(0, 128, 64):
                lab[x:x + 63, y:y + 63, z:z + 63] = k
                k += 1
    planted = []
    lab[8:20, 8:20, 8:20] = 0                                  # a cavity in cell 1 (aligned to 4)
    planted.append({"defect": "hole", "id": 1, "box": {"topLeft": [8, 8, 8], "size": [12, 12, 12]}})
    lab[200:212, 200:212, 100:112] = 3                         # a piece of cell 3 inside another cell: disconnected (aligned to 4)
    planted.append({"defect": "disconnected", "id": 3, "box": {"topLeft": [200, 200, 100], "size": [12, 12, 12]}})
    mags = {"1": lab, "2": lab[::2, ::2, ::2], "4": lab[::4, ::4, ::4]}  # every feature sits on the 4-grid: striding is the mode
    os.makedirs(out, exist_ok=True)
    layers = [write_layer(out, "segmentation", "segmentation", mags, np.uint32, box)]
    with open(os.path.join(out, "datasource-properties.json"), "w") as f:
        json.dump({"id": {"name": os.path.basename(out), "team": ""}, "scale": [8.0, 8.0, 8.0], "dataLayers": layers}, f, indent=2)
    print(json.dumps({"box": box, "planted": planted}))


def read(out, layer, mag):
    props = json.load(open(os.path.join(out, "datasource-properties.json")))
    l = next(x for x in props["dataLayers"] if x["name"] == layer)
    entry = next(x for x in l["mags"] if "-".join(map(str, x["mag"])) == mag or (len(set(x["mag"])) == 1 and str(x["mag"][0]) == mag))
    d = os.path.normpath(os.path.join(out, entry["path"]))
    za = json.load(open(os.path.join(d, ".zarray")))
    shape, dt = za["shape"][1:], np.dtype(za["dtype"])
    a = np.zeros(shape, dtype=dt)
    for n in os.listdir(d):
        if n.startswith("."):
            continue
        _, cx, cy, cz = map(int, n.split("."))
        c = np.frombuffer(zlib.decompress(open(os.path.join(d, n), "rb").read()), dtype=dt).reshape(CHUNK, CHUNK, CHUNK)
        part = a[cx * CHUNK:(cx + 1) * CHUNK, cy * CHUNK:(cy + 1) * CHUNK, cz * CHUNK:(cz + 1) * CHUNK]
        part[...] = c[:part.shape[0], :part.shape[1], :part.shape[2]]
    np.save(out + "-" + layer + "-" + mag + ".npy", a)
    print(json.dumps({"shape": list(a.shape), "npy": out + "-" + layer + "-" + mag + ".npy", "ids": [int(i) for i in np.unique(a)]}))


if __name__ == "__main__":
    {"instance": instance, "dense": dense, "read": read}[sys.argv[1]](*sys.argv[2:])
