package org.proofbox.algo;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.proofbox.model.Check;
import org.proofbox.model.Finding;
import org.proofbox.model.QcParameters;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.Severity;

/** The result of a QC run: parameters used, the box's membrane style, per-segment facts and the findings. */
public record QcReport(QcParameters parameters, int[] membraneRadius, boolean gapStyle, long directContactsX, long gapsX,
                       List<SegmentSummary> segments, List<Finding> findings) {
    /** A segment with its component and hole counts, and in instance mode its digital convexity (NaN: not judged). */
    public record SegmentSummary(SegmentStats stats, int components, int holes, double convexity) {
        public SegmentSummary(SegmentStats stats, int components, int holes) {
            this(stats, components, holes, Double.NaN);
        }
    }

    public Map<Check, Integer> countsByCheck() {
        Map<Check, Integer> m = new EnumMap<>(Check.class);
        for (Check c : Check.values()) m.put(c, 0);
        for (Finding f : findings) m.merge(f.check(), 1, Integer::sum);
        return m;
    }

    public long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }
}
