package org.proofbox.model;

import java.math.BigInteger;

/**
 * Segment ids are unsigned 64-bit values held in a {@code long}. Every place that prints, parses,
 * compares or widens an id goes through here so that ids above 2^31 (uint32) and 2^63 (uint64)
 * stay exact.
 */
public final class SegmentIds {
    private SegmentIds() {}

    /** The unlabelled id. */
    public static final long BACKGROUND = 0L;

    public static String toString(long id) {
        return Long.toUnsignedString(id);
    }

    public static long parse(String text) {
        return Long.parseUnsignedLong(text.trim());
    }

    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    /** Widens a uint32 held in an int to the id it stands for. */
    public static long fromUint32(int bits) {
        return bits & 0xFFFF_FFFFL;
    }

    public static BigInteger toBigInteger(long id) {
        return id >= 0 ? BigInteger.valueOf(id) : BigInteger.valueOf(id).add(BigInteger.ONE.shiftLeft(64));
    }

    /** The larger of two ids in unsigned order. */
    public static long max(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }
}
