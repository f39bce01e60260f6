package org.proofbox.io;

import java.nio.file.Path;
import java.util.Set;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;

/**
 * An annotation volume over a fallback layer, with the dataset attached: a bucket the zip stores
 * is read from the zip; any other bucket is read from the dataset's segmentation at the same mag
 * (the voxels WEBKNOSSOS shows there), so the whole region is reviewable. Writes go to the zip,
 * always as full buckets: an edit in an untouched bucket writes its fallback voxels with the edit.
 */
final class FallbackArray implements ChunkedArray {
    private final ChunkedArray zip;
    private final LayerArray fallback; // null: the dataset lacks this mag — unstored buckets stay missing
    private final Set<Vec3> stored;
    private final ChunkedArray zerosWriter; // writes an all-zero bucket that the zip array would drop as "all fill"

    FallbackArray(ChunkedArray zip, LayerArray fallback, Set<Vec3> stored, ChunkedArray zerosWriter) {
        this.zip = zip;
        this.fallback = fallback;
        this.stored = stored;
        this.zerosWriter = zerosWriter;
    }

    @Override public Path location() { return zip.location(); }
    @Override public Path metadataFile() { return zip.metadataFile(); }
    @Override public ElementType type() { return zip.type(); }
    @Override public Vec3 shape() { return zip.shape(); }
    @Override public Vec3 chunkShape() { return zip.chunkShape(); }
    @Override public int channels() { return zip.channels(); }

    @Override
    public ChunkData readChunk(int cx, int cy, int cz) throws ExportException {
        return readChunk(cx, cy, cz, null);
    }

    @Override
    public ChunkData readChunk(int cx, int cy, int cz, ChunkBuffers buffers) throws ExportException {
        if (fallback == null || stored.contains(new Vec3(cx, cy, cz))) return buffers == null ? zip.readChunk(cx, cy, cz) : zip.readChunk(cx, cy, cz, buffers);
        Vec3 cs = zip.chunkShape();
        Vec3 start = new Vec3(cx * cs.x(), cy * cs.y(), cz * cs.z()); // the zip's arrays are in absolute coordinates
        long[] v = region(start, cs);
        if (type().bytes == 8) return ChunkData.ofLongs(cs, v);
        int[] ints = new int[v.length];
        for (int i = 0; i < v.length; i++) ints[i] = (int) v[i];
        return ChunkData.ofInts(cs, ints);
    }

    /** The dataset's voxels of the box at {@code start} (this mag's absolute voxels) of size {@code size}; 0 outside its array. */
    private long[] region(Vec3 start, Vec3 size) throws ExportException {
        long[] out = new long[(int) size.volume()];
        ChunkedArray a = fallback.array();
        Vec3 o = fallback.origin(), fcs = a.chunkShape(), shape = a.shape();
        boolean unsigned32 = !a.type().signed;
        long max = type().maxId();
        int[] lo = new int[3], hi = new int[3];
        for (int d = 0; d < 3; d++) {
            lo[d] = Math.max(0, start.get(d) - o.get(d));
            hi[d] = Math.min(shape.get(d), start.get(d) + size.get(d) - o.get(d));
            if (lo[d] >= hi[d]) return out;
        }
        for (int kz = lo[2] / fcs.z(); kz * fcs.z() < hi[2]; kz++) {
            for (int ky = lo[1] / fcs.y(); ky * fcs.y() < hi[1]; ky++) {
                for (int kx = lo[0] / fcs.x(); kx * fcs.x() < hi[0]; kx++) {
                    ChunkData c = a.readChunk(kx, ky, kz);
                    for (int z = Math.max(lo[2], kz * fcs.z()); z < Math.min(hi[2], (kz + 1) * fcs.z()); z++) {
                        for (int y = Math.max(lo[1], ky * fcs.y()); y < Math.min(hi[1], (ky + 1) * fcs.y()); y++) {
                            for (int x = Math.max(lo[0], kx * fcs.x()); x < Math.min(hi[0], (kx + 1) * fcs.x()); x++) {
                                long v = c.bits((x - kx * fcs.x()) + fcs.x() * ((y - ky * fcs.y()) + fcs.y() * (z - kz * fcs.z())), unsigned32);
                                if (Long.compareUnsigned(v, max) > 0) {
                                    throw new ExportException(a.location(), "fallback id " + Long.toUnsignedString(v) + " does not fit the annotation's "
                                        + type().wkName() + " volume");
                                }
                                int ox = x + o.x() - start.x(), oy = y + o.y() - start.y(), oz = z + o.z() - start.z();
                                out[ox + size.x() * (oy + size.y() * oz)] = v;
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void writeChunk(int cx, int cy, int cz, ChunkData data, FileWrites writes) throws ExportException {
        boolean zeros = !data.isMissing() || data.fill == 0;
        for (int i = 0, n = (int) chunkShape().volume(); zeros && !data.isMissing() && i < n; i++) zeros = data.bits(i, true) == 0;
        // an erased bucket stays stored: absent, it would show the fallback's voxels again
        (zeros && zerosWriter != null ? zerosWriter : zip).writeChunk(cx, cy, cz, data, writes);
    }
}
