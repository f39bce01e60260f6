package org.proofbox.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import it.unimi.dsi.fastutil.ints.IntAVLTreeSet;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.Vec3;
import org.proofbox.task.Cancelled;
import org.proofbox.task.Progress;

class IndexBuilderTest {
    static final long[] IDS = {0, 7, 0x8000_0000L, 0xFFFF_FFFFL, (1L << 32) + 7, Long.MIN_VALUE, -1L};

    /** Random blobs of the ids above in a box whose size is not a multiple of the block size. */
    static LabelVolume volume(long seed) {
        Random r = new Random(seed);
        Vec3 size = new Vec3(70, 45, 40);
        LabelVolume v = new LabelVolume(new Box3(new Vec3(1000, 2000, 3000), size), ElementType.UINT64, new SegmentTable());
        for (int z = 0; z < size.z(); z++) for (int y = 0; y < size.y(); y++) for (int x = 0; x < size.x(); x++) {
            int blob = (x / 9 + 3 * (y / 7) + 5 * (z / 11) + (r.nextInt(20) == 0 ? 1 : 0)) % IDS.length;
            v.setSlot(x, y, z, v.table().slotOf(IDS[blob]));
        }
        return v;
    }

    @Test
    void countsBoundsAndBlocksAgreeWithBruteForce() {
        LabelVolume v = volume(1);
        int slots = v.table().slotCount();
        long[] count = new long[slots];
        int[][] lo = new int[slots][] , hi = new int[slots][];
        IntAVLTreeSet[] blocks = new IntAVLTreeSet[slots];
        int nbx = (v.sizeX() + 31) / 32, nby = (v.sizeY() + 31) / 32;
        for (int z = 0; z < v.sizeZ(); z++) for (int y = 0; y < v.sizeY(); y++) for (int x = 0; x < v.sizeX(); x++) {
            int s = v.slotAt(x, y, z);
            count[s]++;
            if (lo[s] == null) { lo[s] = new int[] {x, y, z}; hi[s] = new int[] {x, y, z}; blocks[s] = new IntAVLTreeSet(); }
            lo[s][0] = Math.min(lo[s][0], x); lo[s][1] = Math.min(lo[s][1], y); lo[s][2] = Math.min(lo[s][2], z);
            hi[s][0] = Math.max(hi[s][0], x); hi[s][1] = Math.max(hi[s][1], y); hi[s][2] = Math.max(hi[s][2], z);
            blocks[s].add(x / 32 + nbx * (y / 32 + nby * (z / 32)));
        }
        for (int threads : new int[] {1, 2, 4}) {
            SegmentIndex idx = IndexBuilder.build(v, threads, Progress.NONE);
            assertEquals(IDS.length - 1, idx.segmentCount());
            assertEquals(-1L, idx.largestId(), "2^64-1 is the largest unsigned id");
            assertEquals(v.voxelCount() - count[0], idx.labelledVoxels());
            for (int s = 1; s < slots; s++) {
                SegmentStats st = idx.stats(s);
                assertEquals(v.table().idOf(s), st.id());
                assertEquals(count[s], st.voxels());
                assertEquals(new Vec3(1000 + lo[s][0], 2000 + lo[s][1], 3000 + lo[s][2]), st.bboxMin());
                assertEquals(new Vec3(1000 + hi[s][0], 2000 + hi[s][1], 3000 + hi[s][2]), st.bboxMax());
                assertEquals(new IntArrayList(blocks[s]), idx.blocksOf(s), "blocks of slot " + s + " with " + threads + " threads");
            }
        }
    }

    @Test
    void segmentsAreOrderedAsUnsignedIds() {
        SegmentIndex idx = IndexBuilder.build(volume(2), Progress.NONE);
        long[] ids = idx.segments().stream().mapToLong(SegmentStats::id).toArray();
        assertEquals(7L, ids[0]);
        assertEquals(-1L, ids[ids.length - 1]);
        for (int i = 1; i < ids.length; i++) assertEquals(-1, Long.compareUnsigned(ids[i - 1], ids[i]));
    }

    @Test
    void cancellationStopsTheBuild() {
        Progress cancelled = new Progress() {
            @Override public void report(double f, String m) {}
            @Override public boolean isCancelled() { return true; }
        };
        assertThrows(Cancelled.class, () -> IndexBuilder.build(volume(3), cancelled));
    }

    @Test
    void slotZeroIsAlwaysTheBackground() {
        SegmentTable t = new SegmentTable();
        assertEquals(0, t.slotOf(0));
        assertEquals(1, t.slotOf(-1L));
        assertEquals(1, t.findSlot(-1L));
        assertEquals(-1, t.findSlot(5));
        assertEquals(-1L, t.idOf(1));
    }
}
