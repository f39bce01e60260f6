package org.proofbox.store;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import org.proofbox.io.ChunkData;
import org.proofbox.io.ChunkedArray;
import org.proofbox.io.ExportException;
import org.proofbox.io.LayerArray;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.task.Progress;

/**
 * Reads the mag-1 segmentation of the box into a {@link LabelVolume}, decoding chunks on several
 * threads. Each worker maps ids to slots through its own cache and touches the shared
 * {@link SegmentTable} only for ids it has not seen, so the hot loop is a compare per voxel. A
 * chunk holding a slot beyond 2 bytes widens the volume's slots and is written again.
 */
public final class LabelLoader {
    private LabelLoader() {}

    public static LabelVolume load(LayerArray la, int threads, Progress progress) throws ExportException {
        if (!la.mag().isFinest()) throw new IllegalArgumentException("labels are loaded from mag 1");
        LabelVolume vol = allocate(la);
        loadInto(la, vol, threads, progress);
        return vol;
    }

    /** An empty label volume (fresh table) for the mag-1 layer's box, after checking that it fits. */
    static LabelVolume allocate(LayerArray la) throws ExportException {
        return allocate(la, new SegmentTable());
    }

    /** As {@link #allocate(LayerArray)}, with slots of {@code table}. */
    static LabelVolume allocate(LayerArray la, SegmentTable table) throws ExportException {
        org.proofbox.model.Box3 box = la.layer().box();
        if ((long) box.size().x() * box.size().y() > Integer.MAX_VALUE - 8) {
            throw new ExportException(la.array().metadataFile(), "sections of " + box.size().x() + " × " + box.size().y() + " voxels are larger than Proofbox holds (2^31 voxels)");
        }
        MemoryBudget.require(MemoryBudget.labelBytes(box), "the segmentation of this " + box.size().x() + "×" + box.size().y() + "×" + box.size().z() + " box",
            la.array().metadataFile());
        return new LabelVolume(la.layer().box(), la.array().type(), table);
    }

    /** Reads the labels into an existing volume of the layer's box (its table may be fresh or already hold ids). */
    public static void loadInto(LayerArray la, LabelVolume vol, int threads, Progress progress) throws ExportException {
        loadParts(la, vol, BoxChunks.of(la), threads, progress);
    }

    /** Reads only the given parts of the layer's chunks into the volume. */
    static void loadParts(LayerArray la, LabelVolume vol, java.util.List<BoxChunks.Part> parts, int threads, Progress progress) throws ExportException {
        if (!vol.box().equals(la.region())) throw new IllegalArgumentException("volume box " + vol.box() + " is not the layer's " + la.region());
        ChunkedArray array = la.array();
        ChunkPool.run(parts, threads, progress, "reading labels", () -> {
            Worker w = new Worker(vol, la);
            org.proofbox.io.ChunkBuffers buffers = new org.proofbox.io.ChunkBuffers();
            return part -> w.copy(part, array.readChunk(part.cx(), part.cy(), part.cz(), buffers));
        });
    }

    /** Per-thread state: the id → slot cache and the copy of one chunk into the sections. */
    private static final class Worker {
        final LabelVolume vol;
        final LayerArray la;
        final Int2IntOpenHashMap intCache = new Int2IntOpenHashMap();
        final Long2IntOpenHashMap longCache = new Long2IntOpenHashMap();
        final boolean signed;
        final boolean wide;
        /** One chunk row of slots before it is stored. */
        int[] row = new int[64];

        Worker(LabelVolume vol, LayerArray la) {
            this.vol = vol;
            this.la = la;
            ElementType t = la.array().type();
            this.signed = t.signed;
            this.wide = t.bytes == 8;
            intCache.defaultReturnValue(-1);
            longCache.defaultReturnValue(-1);
        }

        /** Copies one chunk's part into the volume; widens the slots first if the chunk holds a slot beyond 2 bytes. */
        void copy(BoxChunks.Part p, ChunkData data) throws ExportException {
            while (true) {
                java.util.concurrent.locks.Lock shared = vol.sharedWrites();
                shared.lock();
                boolean done;
                try {
                    done = write(p, data, vol.slots());
                } finally {
                    shared.unlock();
                }
                if (done) return;
                try {
                    vol.widen(); // then write the chunk again: its ids already have their slots
                } catch (IllegalStateException e) {
                    if (e.getCause() instanceof ExportException x) throw new ExportException(la.array().metadataFile(), x.problem());
                    throw e;
                }
            }
        }

        /** False (with part of the chunk written) if a slot does not fit {@code s}'s 2 bytes. */
        private boolean write(BoxChunks.Part p, ChunkData data, LabelVolume.Slots s) throws ExportException {
            Vec3 c = data.size;
            int sx = vol.sizeX();
            int cx = p.cx(), cy = p.cy(), cz = p.cz();
            // chunk voxel (i, j, k) is box voxel (bx + i, by + j, bz + k)
            int bx = p.bx(), by = p.by(), bz = p.bz();
            int i0 = p.i0(), i1 = p.i1(), j0 = p.j0(), j1 = p.j1(), k0 = p.k0(), k1 = p.k1();
            boolean narrow = s.isNarrow();
            if (data.isMissing()) {
                int slot = slotOfLong(data.fill, cx, cy, cz);
                if (narrow && slot >= LabelVolume.NARROW_SLOTS) return false;
                for (int k = k0; k < k1; k++) {
                    for (int j = j0; j < j1; j++) s.fill(bz + k, bx + i0 + sx * (by + j), i1 - i0, slot);
                }
                return true;
            }
            int n = i1 - i0;
            if (row.length < n) row = new int[n];
            int[] r = row;
            int max = 0;
            if (!wide) {
                int[] src = data.ints;
                int last = src[i0 + c.x() * (j0 + c.y() * k0)];
                int lastSlot = slotOfInt(last, cx, cy, cz);
                max = lastSlot;
                for (int k = k0; k < k1; k++) {
                    char[] cp = s.chars(bz + k);
                    int[] ip = s.ints(bz + k);
                    int zb = s.base(bz + k);
                    for (int j = j0; j < j1; j++) {
                        int o = c.x() * (j + c.y() * k) + i0;
                        for (int i = 0; i < n; i++) {
                            int v = src[o + i];
                            if (v == last) {
                                r[i] = lastSlot;
                            } else if (v == 0) { // membranes alternate with cells: keep the cell cached
                                r[i] = 0;
                            } else {
                                last = v;
                                lastSlot = slotOfInt(v, cx, cy, cz);
                                if (lastSlot > max) max = lastSlot;
                                r[i] = lastSlot;
                            }
                        }
                        if (!store(r, n, cp, ip, zb + bx + i0 + sx * (by + j), max)) return false;
                    }
                }
            } else {
                long[] src = data.longs;
                long last = src[i0 + c.x() * (j0 + c.y() * k0)];
                int lastSlot = slotOfLong(last, cx, cy, cz);
                max = lastSlot;
                for (int k = k0; k < k1; k++) {
                    char[] cp = s.chars(bz + k);
                    int[] ip = s.ints(bz + k);
                    int zb = s.base(bz + k);
                    for (int j = j0; j < j1; j++) {
                        int o = c.x() * (j + c.y() * k) + i0;
                        for (int i = 0; i < n; i++) {
                            long v = src[o + i];
                            if (v == last) {
                                r[i] = lastSlot;
                            } else if (v == 0) {
                                r[i] = 0;
                            } else {
                                last = v;
                                lastSlot = slotOfLong(v, cx, cy, cz);
                                if (lastSlot > max) max = lastSlot;
                                r[i] = lastSlot;
                            }
                        }
                        if (!store(r, n, cp, ip, zb + bx + i0 + sx * (by + j), max)) return false;
                    }
                }
            }
            return true;
        }

        /** One row of slots into the 2-byte ({@code cp}) or 4-byte ({@code ip}) slab at {@code d}. */
        private static boolean store(int[] r, int n, char[] cp, int[] ip, int d, int max) {
            if (ip != null) {
                System.arraycopy(r, 0, ip, d, n);
                return true;
            }
            if (max >= LabelVolume.NARROW_SLOTS) return false;
            for (int i = 0; i < n; i++) cp[d + i] = (char) r[i];
            return true;
        }

        /**
         * Direct-mapped in front of the hash maps: a chunk holds a few ids, which stay in these
         * 256 entries (L1), while the maps hold every id the thread met (a cache miss per lookup
         * on big boxes: a tenth of the load time at 1024³).
         */
        private final long[] recentIds = new long[256];
        private final int[] recentSlots = new int[256];
        {
            java.util.Arrays.fill(recentSlots, -1);
        }

        private int slotOfInt(int v, int cx, int cy, int cz) throws ExportException {
            int h = (v * 0x9E3779B9) >>> 24;
            if (recentSlots[h] >= 0 && recentIds[h] == v) return recentSlots[h];
            int s = intCache.get(v);
            if (s < 0) {
                if (signed && v < 0) throw negative(v, cx, cy, cz);
                s = vol.table().slotOf(signed ? v : v & 0xFFFF_FFFFL);
                intCache.put(v, s);
            }
            recentIds[h] = v;
            recentSlots[h] = s;
            return s;
        }

        private int slotOfLong(long v, int cx, int cy, int cz) throws ExportException {
            int h = (int) ((v * 0x9E3779B97F4A7C15L) >>> 56);
            if (recentSlots[h] >= 0 && recentIds[h] == v) return recentSlots[h];
            int s = longCache.get(v);
            if (s < 0) {
                if (signed && v < 0) throw negative(v, cx, cy, cz);
                s = vol.table().slotOf(v);
                longCache.put(v, s);
            }
            recentIds[h] = v;
            recentSlots[h] = s;
            return s;
        }

        private ExportException negative(long v, int cx, int cy, int cz) {
            java.nio.file.Path f = la.array() instanceof org.proofbox.io.ZarrV2Array z ? z.chunkFile(cx, cy, cz) : la.array().location();
            return new ExportException(f, "negative segment id " + v + " in a " + la.array().type().wkName() + " segmentation");
        }
    }
}
