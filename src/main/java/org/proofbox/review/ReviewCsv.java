package org.proofbox.review;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.proofbox.model.SegmentIds;

/** The session as CSV for spreadsheets: one row per segment in walkthrough order, then the segments no
 * longer in the labels (order column "missing"). */
public final class ReviewCsv {
    public static final String HEADER = "order,id,voxels,findings,worst_severity,verdict,comment";

    private ReviewCsv() {}

    public static byte[] toBytes(Walkthrough w, List<SessionFile.Missing> missing) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        int i = 1;
        for (long id : w.order()) {
            Walkthrough.Item it = w.item(id);
            b.append(i++).append(',').append(SegmentIds.toString(id)).append(',').append(it.voxels()).append(',').append(it.findings()).append(',')
                .append(it.worst() == null ? "" : it.worst().key()).append(',').append(w.verdict(id).key()).append(',').append(quote(w.comment(id))).append('\n');
        }
        for (SessionFile.Missing m : missing) {
            b.append("missing,").append(SegmentIds.toString(m.id())).append(',').append(m.voxels()).append(",,,").append(m.verdict().key()).append(',')
                .append(quote(m.comment())).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
    static String quote(String s) {
        if (s == null || s.isEmpty()) return "";
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
