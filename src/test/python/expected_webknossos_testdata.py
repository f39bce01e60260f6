#!/usr/bin/python3
"""Expected values for the WEBKNOSSOS-written test data in ../shared/data/webknossos-testdata, decoded
independently of Proofbox: zipfile + xml.etree + numpy, and Debian's python3-lz4 / python3-blosc for
the compressed chunks. Writes src/test/resources/expected/webknossos_testdata.json.

usage: /usr/bin/python3 src/test/python/expected_webknossos_testdata.py [SHARED_DIR]
"""
import hashlib, io, json, os, struct, sys, zipfile
import xml.etree.ElementTree as ET
import numpy as np
import blosc, lz4.block

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
base = os.path.join(shared, "data", "webknossos-testdata")
out = {}

# 1. simple_zarr3_dataset: one shard (3, 32, 32, 32) of inner chunks (3, 16, 16, 16), codecs bytes LE, index at the end
shard = open(os.path.join(base, "simple_zarr3_dataset/color/1/c/0/0/0/0"), "rb").read()
n_inner = 2 * 2 * 2
index = np.frombuffer(shard[-(n_inner * 16 + 4):-4], dtype="<u8").reshape(2, 2, 2, 2)  # (x, y, z) → (offset, nbytes)
full = np.zeros((3, 32, 32, 32), dtype=np.uint8)
for ix in range(2):
    for iy in range(2):
        for iz in range(2):
            off, nb = index[ix, iy, iz]
            if off == 2**64 - 1:
                continue
            chunk = np.frombuffer(shard[off:off + nb], dtype=np.uint8).reshape(3, 16, 16, 16)
            full[:, ix * 16:(ix + 1) * 16, iy * 16:(iy + 1) * 16, iz * 16:(iz + 1) * 16] = chunk
vol = full[:, :24, :24, :24]
out["simple_zarr3_dataset"] = {
    "shape": [24, 24, 24], "channels": 3,
    "channel0_sha256_xfastest": hashlib.sha256(vol[0].tobytes(order="F")).hexdigest(),
    "channel_sums": [int(vol[c].sum()) for c in range(3)],
    "samples": [[x, y, z, int(vol[0, x, y, z])] for (x, y, z) in [(0, 0, 0), (5, 17, 3), (23, 23, 23), (12, 12, 12)]],
}

def nml_info(text):
    root = ET.fromstring(text)
    p = root.find("parameters")
    sc = p.find("scale")
    boxes = []
    for b in p.findall("userBoundingBox"):
        boxes.append({"id": int(b.get("id")), "name": b.get("name"),
                      "topLeft": [int(b.get("topLeftX")), int(b.get("topLeftY")), int(b.get("topLeftZ"))],
                      "size": [int(b.get("width")), int(b.get("height")), int(b.get("depth"))]})
    vols = []
    for v in root.findall("volume"):
        segs = [{"id": int(s.get("id")), "name": s.get("name")} for s in v.findall("./segments/segment")]
        vols.append({"id": int(v.get("id")), "name": v.get("name"), "location": v.get("location"), "format": v.get("format"),
                     "fallbackLayer": v.get("fallbackLayer"), "largestSegmentId": v.get("largestSegmentId"), "segments": segs})
    return {"voxelSize": [float(sc.get("x")), float(sc.get("y")), float(sc.get("z"))], "boxes": boxes, "volumes": vols}

def summarize(blocks):
    """blocks: {(bx, by, bz): array (32, 32, 32) [x, y, z]} at mag 1 → counts, bbox of stored buckets and of labels."""
    counts = {}
    lo, hi = None, None
    blo, bhi = None, None
    for (bx, by, bz), a in blocks.items():
        o = np.array([bx * 32, by * 32, bz * 32])
        blo = o if blo is None else np.minimum(blo, o)
        bhi = o + 32 if bhi is None else np.maximum(bhi, o + 32)
        ids, cs = np.unique(a, return_counts=True)
        for i, c in zip(ids, cs):
            counts[int(i)] = counts.get(int(i), 0) + int(c)
        nz = np.argwhere(a != 0)
        if len(nz):
            l, h = nz.min(0) + o, nz.max(0) + o
            lo = l if lo is None else np.minimum(lo, l)
            hi = h if hi is None else np.maximum(hi, h)
    nonzero = {k: v for k, v in counts.items() if k != 0}
    return {"storedBuckets": len(blocks), "bucketsMin": [int(v) for v in blo], "bucketsEnd": [int(v) for v in bhi],
            "counts": {str(k): v for k, v in sorted(nonzero.items())}, "segmentCount": len(nonzero),
            "largestId": max(nonzero) if nonzero else 0,
            "bboxMin": [int(v) for v in lo] if lo is not None else None, "bboxMax": [int(v) for v in hi] if hi is not None else None}

# 2. the zarr3 volume annotation
z = zipfile.ZipFile(os.path.join(base, "annotations/l4_sample__explorational__suser__94b271.zip"))
nml = [n for n in z.namelist() if n.endswith(".nml")][0]
info = nml_info(z.read(nml))
inner = zipfile.ZipFile(io.BytesIO(z.read("data_Volume.zip")))
meta = json.loads(inner.read("volumeAnnotationData/1/zarr.json"))
blocks = {}
for n in inner.namelist():
    if n.startswith("volumeAnnotationData/1/c."):
        _, c, bx, by, bz = n.split("/")[-1].split(".")
        raw = blosc.decompress(inner.read(n))
        a = np.frombuffer(raw, dtype="<u4").reshape((1, 32, 32, 32), order="F")[0]  # transpose "F": stored Fortran order
        blocks[(int(bx), int(by), int(bz))] = a
info["volumes"][0]["mag1"] = summarize(blocks)
info["volumes"][0]["mags"] = sorted({n.split("/")[1] for n in inner.namelist() if n.startswith("volumeAnnotationData/") and n.count("/") >= 2})
out["l4_sample"] = info

# 3. the two-layer WKW annotation
z = zipfile.ZipFile(os.path.join(base, "annotations/multi_volume_example_CREMI.zip"))
nml = [n for n in z.namelist() if n.endswith(".nml")][0]
info = nml_info(z.read(nml))
for v in info["volumes"]:
    inner = zipfile.ZipFile(io.BytesIO(z.read(v["location"])))
    hdr = inner.read("1/header.wkw")
    vtype = hdr[6]
    vsize = hdr[7]
    dt = {1: "<u1", 2: "<u2", 3: "<u4", 4: "<u8"}[vtype]
    blocks = {}
    for n in inner.namelist():
        parts = n.split("/")
        if len(parts) == 4 and parts[0] == "1" and parts[3].endswith(".wkw"):
            data = inner.read(n)
            assert data[:3] == b"WKW"
            block_type = data[5]
            data_offset = struct.unpack("<Q", data[8:16])[0]
            end = struct.unpack("<Q", data[16:24])[0]
            raw = lz4.block.decompress(data[data_offset:end], uncompressed_size=32 ** 3 * vsize) if block_type in (2, 3) else data[data_offset:data_offset + 32 ** 3 * vsize]
            a = np.frombuffer(raw, dtype=dt).reshape((32, 32, 32), order="F")
            bz, by, bx = int(parts[1][1:]), int(parts[2][1:]), int(parts[3][1:-4])
            blocks[(bx, by, bz)] = a
    v["elementClass"] = {1: "uint8", 2: "uint16", 3: "uint32", 4: "uint64"}[vtype]
    v["mag1"] = summarize(blocks)
    v["mags"] = sorted({n.split("/")[0] for n in inner.namelist() if "/" in n})
out["multi_volume_example_CREMI"] = info

# 4. several bounding boxes
z = zipfile.ZipFile(os.path.join(base, "annotations/bounding-boxes-example.zip"))
nml = [n for n in z.namelist() if n.endswith(".nml")][0]
out["bounding_boxes_example"] = nml_info(z.read(nml))

json.dump(out, open("src/test/resources/expected/webknossos_testdata.json", "w"), indent=1)
print(json.dumps({k: (v.get("volumes") and [(x["name"], x.get("mag1", {}).get("segmentCount")) for x in v["volumes"]]) for k, v in out.items()}))
