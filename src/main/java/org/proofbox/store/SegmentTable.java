package org.proofbox.store;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * Maps segment ids (unsigned 64-bit) to dense "slots" (0, 1, 2, ...) and back. Voxels hold slots,
 * so a uint64 box costs 2 bytes per voxel (4 beyond 65 535 segments) and every algorithm indexes plain arrays by slot. Slot 0
 * is always id 0 (unlabelled). Slots are never reused, so a slot keeps meaning one id.
 */
public final class SegmentTable {
    private final Long2IntOpenHashMap idToSlot = new Long2IntOpenHashMap();
    private final LongArrayList slotToId = new LongArrayList();

    public SegmentTable() {
        idToSlot.defaultReturnValue(-1);
        idToSlot.put(0L, 0);
        slotToId.add(0L);
    }

    /** The slot of {@code id}, allocating one if the id is new. Thread-safe. */
    public synchronized int slotOf(long id) {
        int s = idToSlot.get(id);
        if (s >= 0) return s;
        s = slotToId.size();
        if (s == Integer.MAX_VALUE) throw new IllegalStateException("more than 2^31 distinct segment ids");
        idToSlot.put(id, s);
        slotToId.add(id);
        return s;
    }

    /** The slot of {@code id}, or -1 if no voxel has ever held it. */
    public synchronized int findSlot(long id) {
        return idToSlot.get(id);
    }

    public synchronized long idOf(int slot) {
        return slotToId.getLong(slot);
    }

    public synchronized int slotCount() {
        return slotToId.size();
    }

    /** A copy of slot → id, for loops that must not synchronise per voxel. */
    public synchronized long[] idsBySlot() {
        return slotToId.toLongArray();
    }
}
