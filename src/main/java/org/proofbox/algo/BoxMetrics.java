package org.proofbox.algo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.proofbox.model.Check;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.LabelVolume;

/**
 * What a box is like as a whole, the numbers a project compares its boxes by (issue 16): membrane
 * style and the share of direct contacts, the median width of unlabelled gaps between two
 * different segments (runs along x, in nm), the labelled fraction, segments per µm³, small
 * fragment and hole findings per 1000 segments, and the quantiles of segment volumes in µm³.
 * A pure function of the labels, their index and the box's QC report.
 *
 * @param membraneStyle "gap", "touch", or "none" when no two segments meet along x (sparse labels)
 * @param medianGapNm NaN when no gap between two segments exists (a touch-style box)
 * @param touchShare  direct contacts / (direct contacts + gaps) along x; NaN when neither occurs
 * @param extracellularShare the share of the box in coverage gaps (unlabelled regions wider than a
 *                    membrane: extracellular space left unlabelled, or missed cells); NaN when the
 *                    coverage check was off
 */
public record BoxMetrics(String membraneStyle, double touchShare, double medianGapNm, double labelledFraction, double extracellularShare,
                         double boxUm3, int segments, double segmentsPerUm3, double fragmentsPer1000, double holesPer1000, double[] sizeQuantilesUm3) {
    /** The quantiles {@link #sizeQuantilesUm3} holds. */
    public static final double[] QUANTILES = {0.1, 0.25, 0.5, 0.75, 0.9};
    /** Gap runs longer than this many voxels are not membranes (extracellular space, unlabelled cells). */
    public static final int MAX_GAP_VOXELS = 64;

    public static BoxMetrics of(LabelVolume labels, List<SegmentStats> segments, VoxelSize voxel, QcReport report) {
        double nm = nmPerUnit(voxel.unit());
        double voxelUm3 = voxel.x() * nm * voxel.y() * nm * voxel.z() * nm / 1e9;
        long labelled = 0;
        double[] sizes = new double[segments.size()];
        for (int i = 0; i < sizes.length; i++) {
            labelled += segments.get(i).voxels();
            sizes[i] = segments.get(i).voxels() * voxelUm3;
        }
        Arrays.sort(sizes);
        double[] q = new double[QUANTILES.length];
        for (int i = 0; i < q.length; i++) q[i] = sizes.length == 0 ? Double.NaN : quantile(sizes, QUANTILES[i]);
        long total = labels.voxelCount();
        double boxUm3 = total * voxelUm3;
        long direct = report.directContactsX(), gaps = report.gapsX();
        int n = segments.size();
        int fragments = report.countsByCheck().getOrDefault(Check.SMALL_FRAGMENT, 0), holes = report.countsByCheck().getOrDefault(Check.HOLE, 0);
        long wide = 0;
        for (var f : report.findings()) if (f.check() == Check.COVERAGE_GAP) wide += f.voxels();
        double ecs = report.parameters().extracellularUnlabelled() || total == 0 ? Double.NaN : wide / (double) total;
        String style = direct + gaps == 0 ? "none" : report.gapStyle() ? "gap" : "touch"; // none: no two segments meet
        return new BoxMetrics(style, direct + gaps == 0 ? Double.NaN : direct / (double) (direct + gaps),
            medianGapVoxels(labels) * voxel.x() * nm, total == 0 ? 0 : labelled / (double) total, ecs, boxUm3, n, boxUm3 == 0 ? 0 : n / boxUm3,
            n == 0 ? 0 : fragments * 1000.0 / n, n == 0 ? 0 : holes * 1000.0 / n, q);
    }

    /**
     * Median length of the runs of unlabelled voxels along x that have a segment on both ends and
     * a different one at each (a membrane between two cells), up to {@link #MAX_GAP_VOXELS}; NaN if none.
     */
    static double medianGapVoxels(LabelVolume v) {
        // sections in parallel (a pass over every voxel: ~6 % of a check if run alone)
        long[] hist = java.util.stream.IntStream.range(0, v.sizeZ()).parallel().mapToObj(z -> gapRuns(v, z))
            .reduce(new long[MAX_GAP_VOXELS + 1], (x, y) -> {
                long[] sum = x.clone();
                for (int i = 0; i < sum.length; i++) sum[i] += y[i];
                return sum;
            });
        long count = 0;
        for (long h : hist) count += h;
        if (count == 0) return Double.NaN;
        long half = (count + 1) / 2, acc = 0;
        for (int len = 1; len < hist.length; len++) {
            acc += hist[len];
            if (acc >= half) return len;
        }
        return MAX_GAP_VOXELS;
    }

    /** Histogram of the gap runs (by length) along x in section {@code z}. */
    private static long[] gapRuns(LabelVolume v, int z) {
        long[] hist = new long[MAX_GAP_VOXELS + 1];
        int sx = v.sizeX();
        LabelVolume.Slots st = v.slots();
        char[] c = st.chars(z);
        int[] s = st.ints(z);
        int b = st.base(z);
        for (int y = 0; y < v.sizeY(); y++) {
            int row = b + sx * y, last = 0, zeros = 0;
            for (int x = 0; x < sx; x++) {
                int slot = c != null ? c[row + x] : s[row + x];
                if (slot == 0) {
                    zeros++;
                    continue;
                }
                if (zeros > 0 && last != 0 && last != slot && zeros <= MAX_GAP_VOXELS) hist[zeros]++;
                last = slot;
                zeros = 0;
            }
        }
        return hist;
    }

    /** Linear interpolation between order statistics (numpy's default quantile). */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    static double nmPerUnit(String unit) {
        if (unit == null) return 1;
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "micrometer", "micrometre", "um", "µm" -> 1000;
            case "angstrom", "ångström" -> 0.1;
            case "picometer", "picometre", "pm" -> 0.001;
            case "millimeter", "millimetre", "mm" -> 1e6;
            default -> 1; // nanometer, the WEBKNOSSOS default
        };
    }
}
