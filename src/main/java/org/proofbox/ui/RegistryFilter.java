package org.proofbox.ui;

import java.util.Locale;
import org.proofbox.model.Check;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.Verdict;

/**
 * What the segment list shows, as plain data (testable without a window): text in the id or name,
 * a verdict filter (index into {@link RegistryView#FILTERS}), a kind of finding (null: any), and a
 * size range in log10 voxels (inclusive).
 */
record RegistryFilter(String query, int verdictFilter, Check kind, double minLog10, double maxLog10) {
    static final RegistryFilter ALL = new RegistryFilter("", 0, null, 0, Double.MAX_VALUE);

    boolean accepts(RegistryView.Row r, Verdict v) {
        String q = query == null ? "" : query.trim();
        if (!q.isEmpty() && !SegmentIds.toString(r.id()).contains(q) && !r.name().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT))) return false;
        double lv = Math.log10(Math.max(1, r.stats().voxels()));
        if (lv < minLog10 - 1e-9 || lv > maxLog10 + 1e-9) return false;
        if (kind != null && !r.kinds().contains(kind)) return false;
        return switch (verdictFilter) {
            case 1 -> r.findings() > 0;
            case 2 -> v == Verdict.UNREVIEWED;
            case 3 -> v == Verdict.NEEDS_FIX;
            case 4 -> v == Verdict.APPROVED;
            case 5 -> v == Verdict.SKIPPED;
            default -> true;
        };
    }
}
