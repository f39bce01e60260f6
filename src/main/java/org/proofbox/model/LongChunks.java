package org.proofbox.model;

import java.util.Arrays;

/**
 * A growable list of longs kept in chunks — for lists of 10⁸ voxels (a 3D fill, the diff of a big
 * delete) built while the window is up. The first chunk starts small and doubles up to full size,
 * so a short list (a brush dab's diff) stays small.
 *
 * <p>Why not one array that doubles: the JVM allocates and zeroes a new array in one step that no
 * safepoint can interrupt, and copies the old one into it the same way. Growing a list of 10⁸
 * longs that way stopped every Java thread, the FX thread included, for 1.5–9 s on a machine whose
 * first touch of fresh memory is slow (docs/BENCHMARKS.md). A chunk is allocated in milliseconds
 * and nothing is ever copied.
 *
 * <p>Why chunks of one G1 region ({@link #CHUNK}): a chunk that size is a humongous object, placed
 * in the old generation at once; chunks of a few hundred KiB were young objects that every young
 * collection copied — pauses of 125–270 ms while a big fill ran. Under another collector chunks
 * are 512 KiB.
 *
 * <p>Used as a queue too: {@link #release} drops whole chunks before an index that was consumed.
 * Indices are ints, as for a Java array. Not thread-safe.
 */
public final class LongChunks {
    /** Values per full chunk: a G1 heap region less room for the array's header. */
    public static final int CHUNK = chunkValues();

    private long[][] chunks = new long[4][];
    private int size;
    private int firstKept; // chunks before this one were released

    private static int chunkValues() {
        return HeapRegion.BYTES > 0 ? (int) ((HeapRegion.BYTES - 64) / 8) : 1 << 16;
    }

    public void add(long v) {
        if (size == Integer.MAX_VALUE) throw new IllegalStateException("more than 2^31 values");
        int c = size / CHUNK, i = size - c * CHUNK;
        if (c == chunks.length) chunks = Arrays.copyOf(chunks, c * 2);
        long[] a = chunks[c];
        if (a == null) chunks[c] = a = new long[c == 0 ? 16 : CHUNK];
        else if (i == a.length) chunks[c] = a = Arrays.copyOf(a, (int) Math.min(CHUNK, 2L * a.length)); // only the first chunk starts small
        a[i] = v;
        size++;
    }

    /** The value at {@code i} (0 ≤ i < size, not released). */
    public long get(int i) {
        int c = i / CHUNK;
        return chunks[c][i - c * CHUNK];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Frees every chunk whose values all lie before {@code index}; they may not be read again. */
    public void release(int index) {
        int upTo = Math.min(index / CHUNK, chunks.length);
        for (int c = firstKept; c < upTo; c++) chunks[c] = null;
        firstKept = Math.max(firstKept, upTo);
    }

    /** Bytes held by the chunks still kept. */
    public long bytes() {
        long b = 8L * chunks.length + 32;
        for (int c = firstKept; c < chunks.length && chunks[c] != null; c++) b += 16 + 8L * chunks[c].length;
        return b;
    }

    /** The values, for tests and small lists. */
    public long[] toArray() {
        long[] out = new long[size];
        for (int c = 0, o = 0; o < size; c++, o += CHUNK) System.arraycopy(chunks[c], 0, out, o, Math.min(CHUNK, size - o));
        return out;
    }
}
