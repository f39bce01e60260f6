"""An independent maker and reader of zipped OME-Zarr cutouts (.ozx, OME-Zarr 0.5 / RFC-9) as
WEBKNOSSOS exports them: one zip, the image's zarr.json at the root (multiscales, axes c, x, y, z),
Zarr v3 arrays per mag, sharded (index: bytes + crc32c), inner chunks gzip, the array shape padded
up to the shard size. numpy + zlib + zipfile only. For CutoutTest.

  ozx.py make EXPORT …segmentation….ozx [nml]   labels (and …color….ozx beside) from an export folder; with nml,
                                     an NML beside OUT naming the exported box (the real extent)
  ozx.py read OZX X,Y,Z              JSON of the labels cropped to X,Y,Z: checksum and a dump path (.npy)
"""
import gzip
import json
import os
import sys
import zipfile

import numpy as np

sys.path.insert(0, os.path.join(os.environ.get("PROOFBOX_SHARED") or os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "..", "shared"), "tools"))
import wkref  # noqa: E402

SHARD, INNER = 64, 32
MAGS = {"1": (1, 1, 1), "2-2-1": (2, 2, 1)}


def crc32c(data):
    poly, crc = 0x82F63B78, 0xFFFFFFFF
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ poly if c & 1 else c >> 1
        table.append(c)
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return (crc ^ 0xFFFFFFFF).to_bytes(4, "little")


def array_json(shape, dtype):
    return {"zarr_format": 3, "node_type": "array", "shape": [1, *shape], "data_type": np.dtype(dtype).name,
            "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [1, SHARD, SHARD, SHARD]}},
            "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}}, "fill_value": 0,
            "codecs": [{"name": "sharding_indexed", "configuration": {
                "chunk_shape": [1, INNER, INNER, INNER],
                "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "gzip", "configuration": {"level": 5}}],
                "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}],
                "index_location": "end"}}]}


def shard_bytes(block):
    """One shard (c=1, x, y, z of SHARD³): inner chunks C order, empty ones left out (offset/size 2^64-1)."""
    n = SHARD // INNER
    parts, index, pos = [], [], 0
    for i in range(n):
        for j in range(n):
            for k in range(n):
                c = block[:, i * INNER:(i + 1) * INNER, j * INNER:(j + 1) * INNER, k * INNER:(k + 1) * INNER]
                if not c.any():
                    index += [2 ** 64 - 1, 2 ** 64 - 1]
                    continue
                b = gzip.compress(np.ascontiguousarray(c).astype(c.dtype.newbyteorder("<")).tobytes(), 5, mtime=0)
                parts.append(b)
                index += [pos, len(b)]
                pos += len(b)
    idx = np.array(index, dtype="<u8").tobytes()
    return b"".join(parts) + idx + crc32c(idx)


def write_ozx(out, a, dtype, vs):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        z.comment = json.dumps({"ome": {"version": "0.5", "zipFile": {"centralDirectory": {"jsonFirst": True}}}}).encode()
        datasets = [{"path": name, "coordinateTransformations": [{"type": "scale", "scale": [1.0] + [vs[i] * m[i] for i in range(3)]}]}
                    for name, m in MAGS.items()]
        root = {"zarr_format": 3, "node_type": "group", "attributes": {"ome": {"version": "0.5", "multiscales": [{
            "name": "cutout", "axes": [{"name": "c", "type": "channel"}] + [{"name": n, "type": "space", "unit": "nanometer"} for n in "xyz"],
            "datasets": datasets}]}}}
        z.writestr("zarr.json", json.dumps(root, indent=2))
        arrays = {}
        for name, m in MAGS.items():
            d = a[::m[0], ::m[1], ::m[2]]
            padded = [-(-s // SHARD) * SHARD for s in d.shape]  # up to the shard size, as WEBKNOSSOS pads
            full = np.zeros([1, *padded], dtype=dtype)
            full[0, :d.shape[0], :d.shape[1], :d.shape[2]] = d
            arrays[name] = full
            z.writestr(f"{name}/zarr.json", json.dumps(array_json(padded, dtype), indent=2))
        for name, full in arrays.items():
            for i in range(full.shape[1] // SHARD):
                for j in range(full.shape[2] // SHARD):
                    for k in range(full.shape[3] // SHARD):
                        blk = full[:, i * SHARD:(i + 1) * SHARD, j * SHARD:(j + 1) * SHARD, k * SHARD:(k + 1) * SHARD]
                        if blk.any():
                            z.writestr(f"{name}/c/0/{i}/{j}/{k}", shard_bytes(blk))


def make(export, out, with_nml=None):
    seg, _, props = wkref.read_layer(export, "segmentation")
    col = wkref.read_layer(export, "color")[0]
    vs = props["scale"]
    write_ozx(out, seg.astype(np.uint32), np.uint32, vs)
    write_ozx(out.replace("segmentation", "color"), col.astype(np.uint8), np.uint8, vs)
    if with_nml:
        x, y, zz = seg.shape
        with open(os.path.join(os.path.dirname(out), "cutout.nml"), "w") as f:
            f.write(f'<things><parameters><experiment name="gala" /><scale x="{vs[0]}" y="{vs[1]}" z="{vs[2]}" />'
                    f'<userBoundingBox id="1" name="exported" topLeftX="0" topLeftY="0" topLeftZ="0" width="{x}" height="{y}" depth="{zz}" />'
                    '</parameters></things>')
    print(json.dumps({"shape": list(seg.shape)}))


def read(path, size):
    """mag-1 labels (x, y, z) of an .ozx, decoded from its shards, cropped to size."""
    with zipfile.ZipFile(path) as z:
        meta = json.loads(z.read("1/zarr.json"))
        shape = meta["shape"][1:]
        dt = np.dtype(meta["data_type"]).newbyteorder("<")
        out = np.zeros(shape, dtype=dt)
        n = SHARD // INNER
        for name in z.namelist():
            p = name.split("/")
            if len(p) != 6 or p[0] != "1" or p[1] != "c":
                continue
            i, j, k = map(int, p[3:])
            b = z.read(name)
            idx = np.frombuffer(b[-(16 * n ** 3 + 4):-4], dtype="<u8").reshape(-1, 2)
            assert crc32c(b[-(16 * n ** 3 + 4):-4]) == b[-4:], "index checksum"
            q = 0
            for a in range(n):
                for bb in range(n):
                    for c in range(n):
                        off, ln = idx[q]
                        q += 1
                        if off == 2 ** 64 - 1:
                            continue
                        chunk = np.frombuffer(gzip.decompress(b[off:off + ln]), dtype=dt).reshape(INNER, INNER, INNER)
                        x0, y0, z0 = i * SHARD + a * INNER, j * SHARD + bb * INNER, k * SHARD + c * INNER
                        out[x0:x0 + INNER, y0:y0 + INNER, z0:z0 + INNER] = chunk
        comment = z.comment.decode()
    sx, sy, sz = size
    crop = out[:sx, :sy, :sz]
    np.save(path + ".npy", crop)
    print(json.dumps({"shape": list(out.shape), "paddingZero": bool(not out[sx:, :, :].any() and not out[:, sy:, :].any() and not out[:, :, sz:].any()),
                      "comment": comment, "npy": path + ".npy"}))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3], len(sys.argv) > 4 and sys.argv[4] == "nml")
    else:
        read(sys.argv[2], [int(v) for v in sys.argv[3].split(",")])
