package org.proofbox.render;

import org.proofbox.store.RawVolume;

/**
 * A linear grey window: raw values at or below {@code min} are black, at or above {@code max}
 * white. {@link #auto} picks the window from the histogram (0.5 % and 99.5 % quantiles) so that
 * dark FIB-SEM and bright TEM both start out readable.
 */
public record Contrast(int min, int max) {
    public static final Contrast FULL = new Contrast(0, 255);

    public Contrast {
        if (min < 0 || max > 255 || min >= max) throw new IllegalArgumentException("contrast window " + min + ".." + max);
    }

    /** Grey 0..255 for each raw value 0..255. */
    public int[] lut() {
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) lut[i] = Math.max(0, Math.min(255, (int) Math.round((i - min) * 255.0 / (max - min))));
        return lut;
    }

    public static long[] histogram(RawVolume raw) {
        long[] h = new long[256];
        int stride = raw.sizeZ() > 64 ? raw.sizeZ() / 64 : 1; // up to 64 sections are plenty
        int len = raw.sizeX() * raw.sizeY();
        for (int z = 0; z < raw.sizeZ(); z += stride) {
            byte[] s = raw.slab(z);
            for (int i = raw.base(z), end = i + len; i < end; i++) h[s[i] & 0xFF]++;
        }
        return h;
    }

    public static Contrast auto(long[] histogram) {
        long total = 0;
        for (long c : histogram) total += c;
        if (total == 0) return FULL;
        long lo = (long) (total * 0.005), hi = (long) (total * 0.995);
        int min = 0, max = 255;
        long acc = 0;
        for (int i = 0; i < 256; i++) { acc += histogram[i]; if (acc > lo) { min = i; break; } }
        acc = 0;
        for (int i = 0; i < 256; i++) { acc += histogram[i]; if (acc >= hi) { max = i; break; } }
        if (max <= min) { max = Math.min(255, min + 1); min = max - 1; }
        return new Contrast(min, max);
    }
}
