package org.proofbox.store;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;

/**
 * The segmentation of the box in memory: slots of z-sections, x fastest, section after section.
 * Sections make XY and XZ slices contiguous runs and keep every algorithm a plain array loop.
 *
 * <p>Slots are 2 bytes ({@code char}) while the box's table has at most {@value #NARROW_SLOTS}
 * slots, which is nearly every ground-truth box, and 4 bytes ({@code int}) from the first slot
 * beyond that on ("widened": the whole volume is copied once, see decision 0006). Readers take
 * one {@link Slots} snapshot per operation and loop over its arrays; scans over whole sections
 * take them as ints through {@link #section(int, int[])}. A snapshot taken before a widening
 * still reads the values of that moment.
 *
 * <p>Consecutive sections share "slab" arrays (8–64 MiB, {@link Slabs}): one array per
 * section would be a G1 humongous object just over half a heap region each and waste up to a
 * region per section, or a young object copied by every collection. Ids are resolved through
 * {@link SegmentTable}. Coordinates here are box-local (0-based).
 */
public final class LabelVolume {
    /** Slots 0 … NARROW_SLOTS − 1 fit in 2 bytes. */
    public static final int NARROW_SLOTS = 1 << 16;

    private final Box3 box;
    private final int sx, sy, sz;
    private final SegmentTable table;
    private final ElementType type;
    private volatile Slots slots;
    /** Concurrent writers (the loader's threads) hold the read lock; widening takes the write lock. */
    private final ReentrantReadWriteLock writers = new ReentrantReadWriteLock();

    /** A volume with 2-byte slots (widened when needed), or 4-byte ones if {@code proofbox.wideSlots} is set. */
    public LabelVolume(Box3 box, ElementType type, SegmentTable table) {
        this(box, type, table, Boolean.getBoolean("proofbox.wideSlots"));
    }

    /** {@code wide}: 4-byte slots from the start (tests compare both representations). */
    public LabelVolume(Box3 box, ElementType type, SegmentTable table, boolean wide) {
        this.box = box;
        this.type = type;
        this.sx = box.size().x();
        this.sy = box.size().y();
        this.sz = box.size().z();
        if ((long) sx * sy > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("section too large: " + sx + " x " + sy);
        this.table = table;
        this.slots = wide ? Slots.wide(sx, sy, sz) : Slots.narrow(sx, sy, sz);
    }

    public Box3 box() { return box; }
    public int sizeX() { return sx; }
    public int sizeY() { return sy; }
    public int sizeZ() { return sz; }
    public long voxelCount() { return (long) sx * sy * sz; }
    public SegmentTable table() { return table; }
    /** The element type of the layer the labels came from (bounds the ids that can be saved). */
    public ElementType type() { return type; }

    /** The current slot arrays; take it once per operation. */
    public Slots slots() { return slots; }

    /** True while slots are 2 bytes. */
    public boolean isNarrow() { return slots.isNarrow(); }

    /** Bytes the slot arrays take now. */
    public long slotBytes() { return voxelCount() * (isNarrow() ? 2 : 4); }

    public int slotAt(int x, int y, int z) {
        return slots.get(z, x + sx * y);
    }

    public long idAt(int x, int y, int z) {
        return table.idOf(slotAt(x, y, z));
    }

    /** Sets a voxel's slot (widening first if it needs 4 bytes); low level — edits go through the edit layer, which also updates the index. */
    public void setSlot(int x, int y, int z, int slot) {
        Slots s = slots;
        if (slot >= NARROW_SLOTS && s.isNarrow()) s = widen();
        s.set(z, x + sx * y, slot);
    }

    /** Makes room for {@code slot} before a bulk write of it. */
    public void ensureSlot(int slot) {
        if (slot >= NARROW_SLOTS && slots.isNarrow()) widen();
    }

    /**
     * Section z as ints at {@link Plane#base()}: the live array of 4-byte slots, or a copy of the
     * 2-byte ones into {@code scratch} (at least sizeX × sizeY). For reading only.
     */
    public Plane section(int z, int[] scratch) {
        return slots.section(z, scratch);
    }

    /** A section's slots as ints: {@code a} from {@code base}, x fastest. */
    public record Plane(int[] a, int base) {}

    /**
     * Held by each of several concurrent bulk writers (the loader's threads) around a write; no
     * widening happens meanwhile. Fetch {@link #slots()} after locking; never widen while holding it.
     */
    public java.util.concurrent.locks.Lock sharedWrites() {
        return writers.readLock();
    }

    /** Copies the slots into 4-byte arrays (once; waits for concurrent writers). */
    public Slots widen() {
        if (writers.getReadHoldCount() > 0) throw new IllegalStateException("widen while holding sharedWrites()");
        writers.writeLock().lock();
        try {
            Slots s = slots;
            if (!s.isNarrow()) return s;
            long need = voxelCount() * 4;
            if (!Boolean.getBoolean("proofbox.skipMemoryPlan")) {
                try {
                    MemoryBudget.require(need, "the box's " + (table.slotCount() - 1) + " segments (more than " + (NARROW_SLOTS - 1)
                        + ") as 4-byte slots", null);
                } catch (org.proofbox.io.ExportException e) {
                    throw new IllegalStateException(e.problem(), e);
                }
            }
            Slots w = Slots.wide(sx, sy, sz);
            for (int z = 0; z < sz; z++) {
                char[] c = s.chars(z);
                int[] a = w.ints(z);
                int from = s.base(z), to = w.base(z), n = sx * sy;
                for (int i = 0; i < n; i++) a[to + i] = c[from + i];
            }
            slots = w;
            return w;
        } finally {
            writers.writeLock().unlock();
        }
    }

    /**
     * One representation of the slots: either {@code char} slabs (2 bytes) or {@code int} slabs
     * (4 bytes). Section z lives in {@code chars(z)} or {@code ints(z)} (the other is null) from
     * index {@code base(z)}; voxel (x, y) at {@code base(z) + x + sizeX * y}. Hot loops fetch both
     * per section and branch on which is null (the JIT hoists the test out of the loop).
     */
    public static final class Slots {
        private final char[][] narrow;
        private final int[][] wide;
        private final int perSlab, sectionLen;

        private Slots(char[][] narrow, int[][] wide, int perSlab, int sectionLen) {
            this.narrow = narrow;
            this.wide = wide;
            this.perSlab = perSlab;
            this.sectionLen = sectionLen;
        }

        static Slots narrow(int sx, int sy, int sz) {
            int len = sx * sy, per = Slabs.sectionsPer(len, 2), n = (sz + per - 1) / per;
            char[][] slabs = new char[n][];
            for (int i = 0; i < n; i++) slabs[i] = new char[Math.min(per, sz - i * per) * len];
            return new Slots(slabs, null, per, len);
        }

        static Slots wide(int sx, int sy, int sz) {
            int len = sx * sy, per = Slabs.sectionsPer(len, 4), n = (sz + per - 1) / per;
            int[][] slabs = new int[n][];
            for (int i = 0; i < n; i++) slabs[i] = new int[Math.min(per, sz - i * per) * len];
            return new Slots(null, slabs, per, len);
        }

        public boolean isNarrow() { return narrow != null; }

        /** The 2-byte slab holding section z, or null when slots are 4 bytes. */
        public char[] chars(int z) { return narrow == null ? null : narrow[z / perSlab]; }

        /** The 4-byte slab holding section z, or null when slots are 2 bytes. */
        public int[] ints(int z) { return wide == null ? null : wide[z / perSlab]; }

        /** Index of voxel (0, 0, z) in its slab. */
        public int base(int z) { return (z % perSlab) * sectionLen; }

        /** The slot at index {@code i} (x + sizeX · y) of section z. */
        public int get(int z, int i) {
            int at = (z % perSlab) * sectionLen + i;
            return narrow != null ? narrow[z / perSlab][at] : wide[z / perSlab][at];
        }

        void set(int z, int i, int slot) {
            int at = (z % perSlab) * sectionLen + i;
            if (narrow != null) narrow[z / perSlab][at] = (char) slot;
            else wide[z / perSlab][at] = slot;
        }

        /** Sets {@code n} voxels of section z from index {@code i} to {@code slot} (which must fit). */
        public void fill(int z, int i, int n, int slot) {
            int at = (z % perSlab) * sectionLen + i;
            if (narrow != null) java.util.Arrays.fill(narrow[z / perSlab], at, at + n, (char) slot);
            else java.util.Arrays.fill(wide[z / perSlab], at, at + n, slot);
        }

        /** Section z as ints (see {@link LabelVolume#section}). */
        public Plane section(int z, int[] scratch) {
            return rows(z, 0, sectionLen, scratch);
        }

        /**
         * Voxels {@code [from, to)} (x + sizeX · y) of section z as ints; voxel i at
         * {@code base() + i} of the plane's array: the live 4-byte slab, or the 2-byte slots
         * copied into {@code scratch} (at least {@code to - from} long; base then {@code -from}).
         */
        public Plane rows(int z, int from, int to, int[] scratch) {
            int b = base(z);
            if (wide != null) return new Plane(wide[z / perSlab], b);
            char[] c = narrow[z / perSlab];
            for (int i = 0, n = to - from, o = b + from; i < n; i++) scratch[i] = c[o + i];
            return new Plane(scratch, -from);
        }
    }
}
