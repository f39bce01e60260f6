"""An independent maker and checker of WEBKNOSSOS-style TIFF cutouts (tifffile, Pillow, numpy,
scipy), for CutoutTest. Labels come from an export folder through shared/tools/wkref.py.

  cutouts.py make EXPORT OUT        OME-TIFF (uint32, with colour), plain TIFF (uint64, zlib),
                                    TIFF stack folder and zip (uint32), LZW/PackBits sections
                                    (Pillow), broken files; prints what it made as JSON
  cutouts.py verify ORIG NEW        JSON: labels of NEW (tifffile) against ORIG: zeros kept, pieces
                                    per id (26-connected), the old ids each new id covers
  cutouts.py same A B               JSON: whether two cutouts (or a cutout and an export) hold the same labels
"""
import json
import os
import sys
import zipfile

import numpy as np
import tifffile
from scipy import ndimage

sys.path.insert(0, os.path.join(os.environ.get("PROOFBOX_SHARED") or os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "..", "shared"), "tools"))
import wkref  # noqa: E402

BIG = 2 ** 33  # uint64 ids beyond 2^32


def zyx(a):
    return np.ascontiguousarray(a.transpose(2, 1, 0))


def read_any(p):
    """(x, y, z) labels of a TIFF file, a stack folder or zip, an export folder, or a .npy (x, y, z)."""
    if p.endswith(".npy"):
        return np.load(p)
    if os.path.isdir(p) and os.path.exists(os.path.join(p, "datasource-properties.json")):
        return wkref.read_layer(p, "segmentation")[0]
    if os.path.isdir(p):
        names = sorted(n for n in os.listdir(p) if n.lower().endswith((".tif", ".tiff")))
        return np.stack([tifffile.imread(os.path.join(p, n)) for n in names]).transpose(2, 1, 0)
    if p.lower().endswith(".zip"):
        with zipfile.ZipFile(p) as z:
            names = sorted(n for n in z.namelist() if n.lower().endswith((".tif", ".tiff")))
            import io
            return np.stack([tifffile.imread(io.BytesIO(z.read(n))) for n in names]).transpose(2, 1, 0)
    return tifffile.imread(p).transpose(2, 1, 0)


def make(export, out):
    os.makedirs(out, exist_ok=True)
    seg, top_left, props = wkref.read_layer(export, "segmentation")
    col = wkref.read_layer(export, "color")[0]
    vs = props["scale"]
    um = [v / 1000 for v in vs]
    meta = {"axes": "ZYX", "PhysicalSizeX": um[0], "PhysicalSizeY": um[1], "PhysicalSizeZ": um[2],
            "PhysicalSizeXUnit": "µm", "PhysicalSizeYUnit": "µm", "PhysicalSizeZUnit": "µm"}
    made = {}
    d = os.path.join(out, "ome")
    os.makedirs(d, exist_ok=True)
    tifffile.imwrite(os.path.join(d, "gala-segmentation.ome.tif"), zyx(seg.astype(np.uint32)), ome=True, metadata=meta)
    tifffile.imwrite(os.path.join(d, "gala-color.ome.tif"), zyx(col.astype(np.uint8)), ome=True, metadata=meta)
    made["ome"] = os.path.join(d, "gala-segmentation.ome.tif")
    # uint64 beyond 2^32, no OME, Deflate, strips of 7 rows
    d = os.path.join(out, "u64")
    os.makedirs(d, exist_ok=True)
    big = np.where(seg > 0, seg.astype(np.uint64) + BIG, 0).astype(np.uint64)
    tifffile.imwrite(os.path.join(d, "labels.tif"), zyx(big), compression="zlib", rowsperstrip=7, metadata=None)
    made["u64"] = os.path.join(d, "labels.tif")
    # tiled, big-endian, predictor 2
    d = os.path.join(out, "tiled")
    os.makedirs(d, exist_ok=True)
    tifffile.imwrite(os.path.join(d, "labels.tif"), zyx(seg.astype(np.uint32)), tile=(32, 48), byteorder=">", compression="zlib",
                     predictor=True, metadata=None)
    made["tiled"] = os.path.join(d, "labels.tif")
    # a stack: folder and zip, one section per file, no metadata
    d = os.path.join(out, "stack")
    os.makedirs(d, exist_ok=True)
    with zipfile.ZipFile(os.path.join(out, "stack.zip"), "w") as z:
        for k in range(seg.shape[2]):
            name = "%03d.tiff" % k
            tifffile.imwrite(os.path.join(d, name), np.ascontiguousarray(seg[:, :, k].T.astype(np.uint32)), metadata=None)
            z.write(os.path.join(d, name), "layer/" + name)
    made["stack"] = d
    made["stackZip"] = os.path.join(out, "stack.zip")
    # Pillow's LZW and PackBits (16-bit sections of the low id bits)
    from PIL import Image
    for comp in ("tiff_lzw", "packbits"):
        d = os.path.join(out, comp)
        os.makedirs(d, exist_ok=True)
        for k in range(seg.shape[2]):
            Image.fromarray(np.ascontiguousarray(seg[:, :, k].T.astype(np.uint16))).save(os.path.join(d, "%03d.tif" % k), compression=comp)
        made[comp] = d
    # broken: truncated, pages of different sizes, a stack with a gap
    d = os.path.join(out, "bad")
    os.makedirs(d, exist_ok=True)
    b = open(made["ome"], "rb").read()
    open(os.path.join(d, "truncated.tif"), "wb").write(b[: len(b) * 2 // 3])
    with tifffile.TiffWriter(os.path.join(d, "sizes.tif")) as w:
        w.write(np.zeros((100, 200), np.uint32), metadata=None)
        w.write(np.zeros((99, 200), np.uint32), metadata=None)
    g = os.path.join(d, "gap")
    os.makedirs(g, exist_ok=True)
    for k in (0, 1, 2, 4):
        tifffile.imwrite(os.path.join(g, "%03d.tiff" % k), np.zeros((10, 10), np.uint32), metadata=None)
    made["bad"] = d
    print(json.dumps(made))


def verify(orig, new):
    before, after = read_any(orig), read_any(new)
    r = {"shape": list(after.shape), "dtype": str(after.dtype), "zerosKept": bool(np.array_equal(before == 0, after == 0))}
    pieces, origin = {}, {}
    for i in np.unique(after):
        if i == 0:
            continue
        _, n = ndimage.label(after == i, structure=np.ones((3, 3, 3)))
        pieces[str(int(i))] = int(n)
        origin[str(int(i))] = [int(o) for o in np.unique(before[after == i])]
    r["piecesPerId"] = pieces
    r["originOfId"] = origin
    r["changedVoxels"] = int(np.count_nonzero(before != after))
    print(json.dumps(r))


def same(a, b):
    x, y = read_any(a), read_any(b)
    print(json.dumps({"same": bool(x.shape == y.shape and np.array_equal(x.astype(np.uint64), y.astype(np.uint64))), "a": list(x.shape), "b": list(y.shape)}))


if __name__ == "__main__":
    {"make": make, "verify": verify, "same": same}[sys.argv[1]](*sys.argv[2:])
