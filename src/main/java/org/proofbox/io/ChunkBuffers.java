package org.proofbox.io;

/**
 * Scratch arrays one reading thread reuses from chunk to chunk, so that loading a box does not
 * allocate (and make the collector chase) two fresh chunk-sized arrays per chunk. A
 * {@link ChunkData} read with buffers is valid until the next read with the same buffers.
 */
public final class ChunkBuffers {
    byte[] raw = new byte[0];
    int[] ints = new int[0];
    long[] longs = new long[0];

    byte[] raw(int n) {
        if (raw.length != n) raw = new byte[n];
        return raw;
    }

    int[] ints(int n) {
        if (ints.length != n) ints = new int[n];
        return ints;
    }

    long[] longs(int n) {
        if (longs.length != n) longs = new long[n];
        return longs;
    }
}
