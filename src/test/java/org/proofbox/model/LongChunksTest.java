package org.proofbox.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chunked list reads back what a plain array holds, across chunk boundaries, and a released head frees its chunks. */
class LongChunksTest {
    @Test
    void readsBackEveryValueAcrossChunks() {
        Random r = new Random(13);
        for (int n : new int[] {0, 1, LongChunks.CHUNK - 1, LongChunks.CHUNK, LongChunks.CHUNK + 1, 5 * LongChunks.CHUNK + 17}) {
            long[] want = new long[n];
            LongChunks l = new LongChunks();
            for (int i = 0; i < n; i++) {
                want[i] = r.nextLong();
                l.add(want[i]);
            }
            assertEquals(n, l.size());
            assertEquals(n == 0, l.isEmpty());
            assertArrayEquals(want, l.toArray(), "n = " + n);
            for (int i = 0; i < n; i += 997) assertEquals(want[i], l.get(i));
            long chunks = (n + LongChunks.CHUNK - 1) / LongChunks.CHUNK;
            long least = n <= LongChunks.CHUNK ? 8L * n : 8 * chunks * LongChunks.CHUNK; // the first chunk doubles up to full size
            assertTrue(l.bytes() >= least && l.bytes() < 2 * least + 1024, n + ": " + l.bytes());
        }
    }

    @Test
    void aQueueReleasesItsConsumedChunks() {
        LongChunks q = new LongChunks();
        int n = 4 * LongChunks.CHUNK + 5;
        for (int i = 0; i < n; i++) q.add(i * 7L);
        long full = q.bytes();
        q.release(2 * LongChunks.CHUNK + 3); // chunks 0 and 1 lie wholly before it; chunk 2 is still read
        assertEquals(full - 2 * (8L * LongChunks.CHUNK + 16), q.bytes());
        assertEquals((2L * LongChunks.CHUNK) * 7, q.get(2 * LongChunks.CHUNK));
        assertEquals((n - 1) * 7L, q.get(n - 1));
        assertThrows(NullPointerException.class, () -> q.get(5), "a released value is gone");
        q.release(LongChunks.CHUNK); // going back changes nothing
        assertEquals(full - 2 * (8L * LongChunks.CHUNK + 16), q.bytes());
        for (int i = 0; i < LongChunks.CHUNK; i++) q.add(-i); // and the list still grows
        assertEquals(-(LongChunks.CHUNK - 1L), q.get(n + LongChunks.CHUNK - 1));
    }
}
