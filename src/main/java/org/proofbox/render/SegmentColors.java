package org.proofbox.render;

/**
 * Stable pseudo-random colours per segment id: the same id has the same colour in every session
 * and every view. The id is mixed (SplitMix64 finaliser) so neighbouring ids — which annotators
 * often give to neighbouring cells — land far apart in hue, then mapped to a saturated, bright
 * colour so it stands out on grey EM.
 */
public final class SegmentColors {
    private SegmentColors() {}

    /** 0xRRGGBB of {@code id} (unsigned 64-bit); id 0 has no colour and returns 0. */
    public static int rgb(long id) {
        if (id == 0) return 0;
        long h = id + 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        double hue = (h >>> 40) / (double) (1L << 24);           // 0..1
        double sat = 0.65 + 0.35 * ((h >>> 20) & 0xFFFF) / 65535.0;
        double val = 0.80 + 0.20 * ((h >>> 4) & 0xFFFF) / 65535.0;
        return hsv(hue, sat, val);
    }

    static int hsv(double h, double s, double v) {
        double f = (h * 6) % 6;
        int i = (int) Math.floor(f);
        double fr = f - i;
        double p = v * (1 - s), q = v * (1 - s * fr), t = v * (1 - s * (1 - fr));
        double r, g, b;
        switch (i) {
            case 0 -> { r = v; g = t; b = p; }
            case 1 -> { r = q; g = v; b = p; }
            case 2 -> { r = p; g = v; b = t; }
            case 3 -> { r = p; g = q; b = v; }
            case 4 -> { r = t; g = p; b = v; }
            default -> { r = v; g = p; b = q; }
        }
        return (to8(r) << 16) | (to8(g) << 8) | to8(b);
    }

    private static int to8(double c) {
        return Math.max(0, Math.min(255, (int) Math.round(c * 255)));
    }
}
