"""An independent maker and checker of WEBKNOSSOS zarr3 volume annotations (zipfile + numpy +
numcodecs' Blosc + scipy), for AnnotationRoundTripTest.

  annotation_roundtrip.py make OUT.zip [fallback]   a synthetic annotation with known defects (over a fallback layer)
  annotation_roundtrip.py verify ORIG.zip NEW.zip   prints a JSON of what holds in NEW
  annotation_roundtrip.py make-dataset DIR          the dataset the fallback variant belongs to (Zarr v2)
  annotation_roundtrip.py verify-fallback ORIG NEW DIR   what a save over the attached dataset wrote

Layout as WEBKNOSSOS writes it: an NML and data_Volume.zip holding datasource-properties.json and
volumeAnnotationData/<mag>/zarr.json + chunks c.0.X.Y.Z (32³, transpose F, bytes little, blosc lz4).
"""
import io
import json
import os
import re
import sys
import zipfile
import zlib

import numpy as np
from numcodecs import Blosc
from scipy import ndimage

CHUNK = 32
SHAPE1 = (128, 128, 64)  # x, y, z of mag 1
MAGS = {"1": (1, 1, 1), "2-2-1": (2, 2, 1)}
BIG = 4294967293
BLOSC = Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE, blocksize=0)

NML = """<things>
  <meta name="writer" content="NmlWriter.scala" />
  <meta name="annotationId" content="synthetic-0001" />
  <parameters>
    <experiment name="synthetic" organization="test" description="planted defects" />
    <scale x="10.0" y="10.0" z="20.0" />
    <offset x="0" y="0" z="0" />
    <editPosition x="40" y="40" z="8" />
  </parameters>
  <thing id="1" color.r="1.0" color.g="0.0" color.b="0.0" color.a="1.0" name="tree one" type="DEFAULT">
    <nodes>
      <node id="1" radius="1.0" x="40" y="40" z="8" />
      <node id="2" radius="1.0" x="60" y="50" z="10" />
    </nodes>
    <edges>
      <edge source="1" target="2" />
    </edges>
  </thing>
  <branchpoints />
  <comments>
    <comment node="1" content="check this &amp; that" />
  </comments>
  <groups />
  <volume id="0" name="Volume" location="data_Volume.zip" format="zarr3" largestSegmentId="4294967293">
    <segments>
      <segment id="5" name="Axon A" created="1" anchorPositionX="40" anchorPositionY="40" anchorPositionZ="8" />
      <segment id="9" name="Dendrite" created="1" anchorPositionX="60" anchorPositionY="50" anchorPositionZ="10" />
      <segment id="4294967293" name="Tiny" created="1" anchorPositionX="34" anchorPositionY="71" anchorPositionZ="3" />
    </segments>
    <groups />
  </volume>
</things>
"""


def labels():
    a = np.zeros(SHAPE1, dtype=np.uint32)
    a[32:48, 32:48, 0:16] = 5      # id 5, piece 1 (4096 voxels)
    a[80:88, 80:88, 20:28] = 5     # id 5, piece 2 (512 voxels), not connected: a split
    a[56:76, 40:61, 5:26] = 9
    a[33:36, 70:73, 2:5] = BIG     # an id above 2^31
    return a


def mode_down(a, m):
    mx, my, mz = m
    sx, sy, sz = a.shape[0] // mx, a.shape[1] // my, a.shape[2] // mz
    out = np.zeros((sx, sy, sz), dtype=a.dtype)
    blocks = a[:sx * mx, :sy * my, :sz * mz].reshape(sx, mx, sy, my, sz, mz).transpose(0, 2, 4, 1, 3, 5).reshape(sx, sy, sz, -1)
    for i in range(sx):
        for j in range(sy):
            for k in range(sz):
                vals, counts = np.unique(blocks[i, j, k], return_counts=True)
                out[i, j, k] = vals[np.flatnonzero(counts == counts.max())[0]]  # ties: the smaller id (unique sorts)
    return out


def zarr_json(shape):
    return json.dumps({"zarr_format": 3, "node_type": "array", "shape": [1, *shape], "data_type": "uint32",
                       "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [1, CHUNK, CHUNK, CHUNK]}},
                       "chunk_key_encoding": {"name": "default", "configuration": {"separator": "."}},
                       "fill_value": 0,
                       "codecs": [{"name": "transpose", "configuration": {"order": "F"}},
                                  {"name": "bytes", "configuration": {"endian": "little"}},
                                  {"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5, "shuffle": "shuffle", "typesize": 1, "blocksize": 0}}],
                       "dimension_names": ["c", "x", "y", "z"]}, indent=2)


def encode(chunk):
    return BLOSC.encode(np.ascontiguousarray(chunk[np.newaxis]).transpose().tobytes())  # F order of (c, x, y, z)


def decode(b):
    raw = np.frombuffer(BLOSC.decode(b), dtype="<u4")
    return raw.reshape((CHUNK, CHUNK, CHUNK, 1)).transpose()[0]  # F order -> (x, y, z)


def make(out, fallback=False):
    a = labels()
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        props = {"id": {"name": "", "team": ""}, "dataLayers": [{"name": "volumeAnnotationData", "category": "segmentation",
                 "boundingBox": {"topLeft": [0, 0, 0], "width": SHAPE1[0], "height": SHAPE1[1], "depth": SHAPE1[2]},
                 "elementClass": "uint32", "dataFormat": "zarr3", "mags": [{"mag": list(m)} for m in MAGS.values()]}],
                 "scale": {"factor": [10.0, 10.0, 20.0], "unit": "nanometer"}}
        z.writestr("datasource-properties.json", json.dumps(props, indent=2))
        for name, m in MAGS.items():
            d = a if name == "1" else mode_down(a, m)
            z.writestr(f"volumeAnnotationData/{name}/zarr.json", zarr_json(d.shape))
            for cx in range(d.shape[0] // CHUNK):
                for cy in range(d.shape[1] // CHUNK):
                    for cz in range(d.shape[2] // CHUNK):
                        c = d[cx * CHUNK:(cx + 1) * CHUNK, cy * CHUNK:(cy + 1) * CHUNK, cz * CHUNK:(cz + 1) * CHUNK]
                        if fallback and name == "1" and (cx, cy, cz) == (2, 1, 0):
                            continue  # over a fallback layer: a bucket the annotator never touched
                        if c.any():
                            z.writestr(f"volumeAnnotationData/{name}/c.0.{cx}.{cy}.{cz}", encode(c))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("synthetic.nml", NML.replace('format="zarr3"', 'format="zarr3" fallbackLayer="segmentation"') if fallback else NML)
        z.writestr("data_Volume.zip", inner.getvalue())
        z.writestr("README.txt", "kept byte for byte\n")


def volume(z, name, shape):
    a = np.zeros(shape, dtype=np.uint32)
    for n in z.namelist():
        m = re.fullmatch(rf"volumeAnnotationData/{re.escape(name)}/c\.0\.(\d+)\.(\d+)\.(\d+)", n)
        if m:
            cx, cy, cz = map(int, m.groups())
            a[cx * CHUNK:(cx + 1) * CHUNK, cy * CHUNK:(cy + 1) * CHUNK, cz * CHUNK:(cz + 1) * CHUNK] = decode(z.read(n))
    return a


def fallback_labels():
    """The dataset's own segmentation under the synthetic annotation: the annotation's labels where it
    stores buckets differ from it (id 88 only here), and a segment 77 that only the fallback has, in
    the bucket (2, 1, 0) the fallback variant does not store."""
    a = labels()
    a[40:44, 40:44, 0:4] = 88      # under a stored bucket: the zip's voxels win
    a[80:86, 36:44, 10:15] = 77    # in the unstored bucket (2, 1, 0): only the fallback has it (240 voxels)
    return a


def write_zarr2(layer_dir, a, dtype):
    os.makedirs(layer_dir, exist_ok=True)
    chunks = [1, CHUNK, CHUNK, CHUNK]
    with open(os.path.join(layer_dir, ".zarray"), "w") as f:
        json.dump({"chunks": chunks, "compressor": {"id": "zlib", "level": 5}, "dimension_separator": ".", "dtype": np.dtype(dtype).str,
                   "fill_value": 0, "filters": None, "order": "C", "shape": [1, *a.shape], "zarr_format": 2}, f)
    for cx in range(-(-a.shape[0] // CHUNK)):
        for cy in range(-(-a.shape[1] // CHUNK)):
            for cz in range(-(-a.shape[2] // CHUNK)):
                c = np.zeros((1, CHUNK, CHUNK, CHUNK), dtype=dtype)
                part = a[cx * CHUNK:(cx + 1) * CHUNK, cy * CHUNK:(cy + 1) * CHUNK, cz * CHUNK:(cz + 1) * CHUNK]
                c[0, :part.shape[0], :part.shape[1], :part.shape[2]] = part
                with open(os.path.join(layer_dir, f"0.{cx}.{cy}.{cz}"), "wb") as f:
                    f.write(zlib.compress(c.tobytes(), 5))


def make_dataset(out):
    """A dataset folder (Zarr v2, as WEBKNOSSOS's Python client writes it) the fallback annotation belongs to:
    color (uint8) and segmentation (uint32) at mags 1 and 2-2-1."""
    seg = fallback_labels()
    rng = np.random.default_rng(7)
    color = rng.integers(40, 220, size=SHAPE1, dtype=np.uint8)
    layers = []
    for name, cat, a, dt in (("color", "color", color, np.uint8), ("segmentation", "segmentation", seg, np.uint32)):
        mags = []
        for mname, m in MAGS.items():
            d = a if mname == "1" else (mode_down(a, m) if cat == "segmentation" else a[::m[0], ::m[1], ::m[2]])
            write_zarr2(os.path.join(out, name, mname), d, dt)
            mags.append({"mag": list(m), "path": f"./{name}/{mname}"})
        layers.append({"name": name, "category": cat, "boundingBox": {"topLeft": [0, 0, 0], "width": SHAPE1[0], "height": SHAPE1[1], "depth": SHAPE1[2]},
                       "elementClass": np.dtype(dt).name, "dataFormat": "zarr", "mags": mags, "numChannels": 1})
    with open(os.path.join(out, "datasource-properties.json"), "w") as f:
        json.dump({"id": {"name": "synthetic", "team": ""}, "scale": [10.0, 10.0, 20.0], "dataLayers": layers}, f, indent=2)


def verify_fallback(orig, new, dataset):
    """What a save over an attached dataset wrote: the buckets it added hold the fallback's voxels with the
    edit (here: segment 77 removed), every bucket stored before is byte-identical unless it changed."""
    r = {}
    fb = fallback_labels()
    with zipfile.ZipFile(orig) as zo, zipfile.ZipFile(new) as zn:
        io_, in_ = zipfile.ZipFile(io.BytesIO(zo.read("data_Volume.zip"))), zipfile.ZipFile(io.BytesIO(zn.read("data_Volume.zip")))
        key = re.compile(r"volumeAnnotationData/1/c\.0\.(\d+)\.(\d+)\.(\d+)")
        before = {tuple(map(int, key.fullmatch(n).groups())) for n in io_.namelist() if key.fullmatch(n)}
        after = {tuple(map(int, key.fullmatch(n).groups())) for n in in_.namelist() if key.fullmatch(n)}
        r["addedBuckets"] = sorted(list(b) for b in after - before)
        ok = True
        for (cx, cy, cz) in after - before:
            got = decode(in_.read(f"volumeAnnotationData/1/c.0.{cx}.{cy}.{cz}"))
            want = fb[cx * CHUNK:(cx + 1) * CHUNK, cy * CHUNK:(cy + 1) * CHUNK, cz * CHUNK:(cz + 1) * CHUNK].copy()
            want[want == 77] = 0
            ok &= bool(np.array_equal(got, want))
        r["addedHoldFallbackPlusEdit"] = ok
        r["storedBefore"] = len(before)
        r["storedStillStored"] = before <= after  # an erased bucket stays stored (zeros), or the fallback would show again
        r["unchangedStoredIdentical"] = all(io_.read(f"volumeAnnotationData/1/c.0.{cx}.{cy}.{cz}") == in_.read(f"volumeAnnotationData/1/c.0.{cx}.{cy}.{cz}")
                                            for (cx, cy, cz) in before if (cx, cy, cz) not in ((2, 2, 0), (1, 2, 0), (1, 1, 0)))
        r["idsAfter"] = sorted(int(i) for i in np.unique(volume(in_, "1", SHAPE1)))
    print(json.dumps(r))


def without_volume_edits(nml):
    nml = re.sub(r'largestSegmentId="[^"]*"', "", nml)
    return re.sub(r"(?s)<segments>.*?</segments>", "", nml)


def verify(orig, new):
    r = {}
    with zipfile.ZipFile(orig) as zo, zipfile.ZipFile(new) as zn:
        r["outerEntries"] = zn.namelist() == zo.namelist()
        r["readmeIdentical"] = zn.read("README.txt") == zo.read("README.txt")
        nml_o, nml_n = zo.read("synthetic.nml").decode(), zn.read("synthetic.nml").decode()
        io_, in_ = zipfile.ZipFile(io.BytesIO(zo.read("data_Volume.zip"))), zipfile.ZipFile(io.BytesIO(zn.read("data_Volume.zip")))
        before, after = volume(io_, "1", SHAPE1), volume(in_, "1", SHAPE1)
        r["zerosKept"] = bool(np.array_equal(before == 0, after == 0))
        ids = [int(i) for i in np.unique(after) if i != 0]
        pieces = {}
        for i in ids:
            _, n = ndimage.label(after == i, structure=np.ones((3, 3, 3)))
            pieces[str(i)] = int(n)
        r["piecesPerId"] = pieces
        origin = {}
        for i in ids:
            olds = np.unique(before[after == i])
            origin[str(i)] = [int(o) for o in olds]
        r["originOfId"] = origin
        changed = set()
        untouched_identical = True
        for n in io_.namelist():
            if n in in_.namelist():
                if io_.read(n) != in_.read(n):
                    changed.add(n)
            else:
                changed.add(n)
        r["changedEntries"] = sorted(changed)
        r["addedEntries"] = sorted(set(in_.namelist()) - set(io_.namelist()))
        coarse = volume(in_, "2-2-1", (SHAPE1[0] // 2, SHAPE1[1] // 2, SHAPE1[2]))
        r["coarseIsModeOfMag1"] = bool(np.array_equal(coarse, mode_down(after, (2, 2, 1))))
        r["nmlElsewhereIdentical"] = without_volume_edits(nml_o) == without_volume_edits(nml_n)
        m = re.search(r'<volume [^>]*largestSegmentId="(\d+)"', nml_n)
        r["largestSegmentId"] = int(m.group(1)) if m else None
        r["nmlSegments"] = {s[0]: s[1] for s in re.findall(r'<segment id="(\d+)" name="([^"]*)"', nml_n)}
        r["nmlColoured"] = sorted(s for s in re.findall(r'<segment id="(\d+)"[^>]*color\.r="[0-9.]+" color\.g="[0-9.]+" color\.b="[0-9.]+"', nml_n))
        anchors = {}
        for s in re.finditer(r'<segment id="(\d+)"[^>]*anchorPositionX="(\d+)" anchorPositionY="(\d+)" anchorPositionZ="(\d+)"', nml_n):
            i, x, y, z = map(int, s.groups())
            anchors[str(i)] = int(after[x, y, z]) == i
        r["anchorInside"] = anchors
        r["segmentMetadata"] = segment_metadata(nml_n)
    print(json.dumps(r))


def segment_metadata(nml, location=None):
    """id -> {key: value} of every segment's <metadata> (of the volume at location), as WEBKNOSSOS's NML reader sees it (xml.etree)."""
    import xml.etree.ElementTree as ET
    out = {}
    root = ET.fromstring(nml)
    if location is not None:
        root = next(v for v in root.iter("volume") if v.get("location") == location)
    for seg in root.iter("segment"):
        entries = {e.get("key"): e.get("stringValue") for m in seg.findall("metadata") for e in m.findall("metadataEntry")}
        if entries:
            out[seg.get("id")] = entries
    return out


def wkw_blocks(b):
    """The blocks of one WKW file (header, LZ4 or raw), each as uint32 voxels, and whether its layout is sound."""
    import lz4.block
    assert b[:3] == b"WKW" and b[3] == 1
    block_log2, file_log2, block_type, voxel_type, voxel_bytes = b[4] & 15, b[4] >> 4, b[5], b[6], b[7]
    offset = int.from_bytes(b[8:16], "little")
    n, size = 1 << (3 * file_log2), (1 << (3 * block_log2)) * voxel_bytes
    out = []
    if block_type == 1:
        for i in range(n):
            out.append(np.frombuffer(b[offset + i * size:offset + (i + 1) * size], dtype="<u4"))
        return out, offset + n * size == len(b)
    ends = [int.from_bytes(b[16 + 8 * i:24 + 8 * i], "little") for i in range(n)]
    start = offset
    for e in ends:
        out.append(np.frombuffer(lz4.block.decompress(b[start:e], uncompressed_size=size), dtype="<u4"))
        start = e
    return out, ends[-1] == len(b) and offset == 16 + 8 * n


def verify_wkw(orig, new, location):
    r = {}
    with zipfile.ZipFile(orig) as zo, zipfile.ZipFile(new) as zn:
        r["outerEntries"] = zn.namelist() == zo.namelist()
        r["otherEntriesIdentical"] = all(zo.read(n) == zn.read(n) for n in zo.namelist() if n != location and not n.endswith(".nml"))
        nml = [n for n in zo.namelist() if n.endswith(".nml")][0]
        a, b = zo.read(nml).decode(), zn.read(nml).decode()
        r["nmlElsewhereIdentical"] = re.sub(r' largestSegmentId="[^"]*"', "", a) == re.sub(r' largestSegmentId="[^"]*"', "", b)
        m = re.search(r'<volume [^>]*location="' + re.escape(location) + r'"[^>]*largestSegmentId="(\d+)"', b)
        r["largestSegmentId"] = int(m.group(1)) if m else None
        vo, vn = zipfile.ZipFile(io.BytesIO(zo.read(location))), zipfile.ZipFile(io.BytesIO(zn.read(location)))
        r["volumeEntries"] = sorted(vn.namelist()) == sorted(vo.namelist())
        r["headersIdentical"] = all(vo.read(n) == vn.read(n) for n in vo.namelist() if n.endswith("header.wkw"))
        sound, ids = True, set()
        for n in vn.namelist():
            if n.endswith(".wkw") and not n.endswith("header.wkw"):
                blocks, ok = wkw_blocks(vn.read(n))
                sound &= ok
                for bl in blocks:
                    ids.update(int(i) for i in np.unique(bl))
        r["layoutSound"] = bool(sound)
        r["idsAfter"] = sorted(ids)
        r["segmentMetadata"] = segment_metadata(b, location)
    print(json.dumps(r))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], len(sys.argv) > 3 and sys.argv[3] == "fallback")
    elif sys.argv[1] == "make-dataset":
        make_dataset(sys.argv[2])
    elif sys.argv[1] == "verify-fallback":
        verify_fallback(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "verify-wkw":
        verify_wkw(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        verify(sys.argv[2], sys.argv[3])
