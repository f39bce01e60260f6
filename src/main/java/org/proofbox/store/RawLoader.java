package org.proofbox.store;

import java.util.Arrays;
import org.proofbox.io.ChunkData;
import org.proofbox.io.ExportException;
import org.proofbox.io.LayerArray;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.task.Progress;

/**
 * Reads a color layer (first channel) of the box into a {@link RawVolume}. uint8 is copied as it
 * is; wider integer types keep their top 8 significant bits of the declared range so that a
 * uint16 EM layer still shows.
 */
public final class RawLoader {
    private RawLoader() {}

    public static RawVolume load(LayerArray la, int threads, Progress progress) throws ExportException {
        RawVolume vol = allocate(la);
        loadParts(la, vol, BoxChunks.of(la), threads, progress);
        return vol;
    }

    /** An empty volume for the layer's region at its mag, after checking that it fits. */
    static RawVolume allocate(LayerArray la) throws ExportException {
        org.proofbox.model.Box3 r = la.region();
        org.proofbox.store.MemoryBudget.require(r.size().volume() + (1L << 20), "the raw data (mag " + la.mag().longName() + ") of this box", la.array().metadataFile());
        return new RawVolume(r);
    }

    /** Reads the given parts of the layer's chunks into {@code vol}. */
    static void loadParts(LayerArray la, RawVolume vol, java.util.List<BoxChunks.Part> parts, int threads, Progress progress) throws ExportException {
        ElementType t = la.array().type();
        if (!t.integer) throw new ExportException(la.array().location(), "color layer of type " + t.wkName() + " is not supported");
        int shift = t.bytes == 1 ? 0 : t.bytes * 8 - 8;
        ChunkPool.run(parts, threads, progress, "reading raw", () -> part -> {
            ChunkData data = la.array().readChunk(part.cx(), part.cy(), part.cz());
            Vec3 c = data.size;
            int sx = vol.sizeX();
            for (int k = part.k0(); k < part.k1(); k++) {
                byte[] plane = vol.slab(part.bz() + k);
                int base = vol.base(part.bz() + k);
                for (int j = part.j0(); j < part.j1(); j++) {
                    int d = base + part.bx() + sx * (part.by() + j);
                    if (data.isMissing()) {
                        Arrays.fill(plane, d + part.i0(), d + part.i1(), (byte) (data.fill >>> shift));
                        continue;
                    }
                    int s = c.x() * (j + c.y() * k);
                    for (int i = part.i0(); i < part.i1(); i++) {
                        long v = data.bits(s + i, true);
                        plane[d + i] = (byte) (v >>> shift);
                    }
                }
            }
        });
    }
}
