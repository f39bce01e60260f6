package org.proofbox.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.proofbox.algo.QcReport;
import org.proofbox.io.AtomicFiles;
import org.proofbox.io.ExportException;
import org.proofbox.model.Check;
import org.proofbox.model.Finding;
import org.proofbox.model.QcParameters;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.Severity;
import org.proofbox.model.VoxelSize;



import org.proofbox.store.LoadedBox;

/**
 * The readable form of a {@code check} run: one self-contained HTML file (images inline as PNG
 * data) with the parameters, the membrane style, counts per check, every finding with XY / XZ /
 * YZ crops around its voxel, and the segment table. Findings are ordered errors first, larger
 * first; past {@link #MAX_IMAGES} findings the rest are listed without images to keep the file
 * small. Optional per-segment notes (a review's verdicts and comments) become a column.
 */
public final class HtmlReport {
    static final int MAX_IMAGES = 300;
    public static final int CROP_PX = 160;
    static final int CROP_VOXELS = 64;

    /** A reviewer's verdict and comment on a segment, shown beside it. */
    public record Note(String verdict, String comment) {}

    private HtmlReport() {}

    public static void write(Path file, LoadedBox box, SliceData data, QcReport report, Map<Long, Note> notes) throws ExportException {
        byte[] html = render(box, data, report, notes == null ? Map.of() : notes).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFiles.write(file.toAbsolutePath(), html);
        } catch (IOException e) {
            throw new ExportException(file, "cannot write the report: " + e.getMessage(), e);
        }
    }

    public static String render(LoadedBox box, SliceData data, QcReport r, Map<Long, Note> notes) {
        var info = box.export().info();
        VoxelSize vs = info.voxelSize();
        QcParameters p = r.parameters();
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Proofbox check: ").append(esc(info.name()))
            .append("</title>\n<style>\n")
            .append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{margin:0 0 4px}table{border-collapse:collapse;margin:8px 0}")
            .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f0f0f0}.num{text-align:right}")
            .append(".error{color:#b00020;font-weight:bold}.warning{color:#a65f00;font-weight:bold}.info{color:#555}")
            .append(".f{border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:10px 0}.f img{margin:4px 6px 0 0;image-rendering:pixelated;border:1px solid #444}")
            .append(".cap{font-size:12px;color:#555}.muted{color:#777}\n</style></head><body>\n");
        h.append("<h1>").append(esc(info.name())).append("</h1>\n<p class=\"muted\">").append(esc(info.root().toString()))
            .append(" — box ").append(box.export().toMag1(box.labels().box().topLeft())).append(" + ").append(box.export().toMag1(box.labels().box().size()))
            .append(String.format(Locale.ROOT, ", voxel size %s × %s × %s %s", num(vs.x()), num(vs.y()), num(vs.z()), esc(vs.unit())))
            .append(", ").append(r.segments().size()).append(" segments</p>\n");
        long errors = r.count(Severity.ERROR), warnings = r.count(Severity.WARNING);
        h.append("<p>").append(errors == 0 ? "<b>No errors.</b> " : "<span class=\"error\">" + errors + " errors</span>, ")
            .append(warnings).append(" warnings. Membrane style: <b>").append(r.gapStyle() ? "unlabelled gaps between segments" : "segments touch directly")
            .append("</b> (").append(r.gapsX()).append(" gaps, ").append(r.directContactsX()).append(" direct contacts along x).</p>\n");
        h.append("<table><tr><th>check</th><th>findings</th></tr>\n");
        r.countsByCheck().forEach((c, n) -> h.append("<tr><td>").append(c.key).append("</td><td class=\"num\">").append(n).append("</td></tr>\n"));
        h.append("</table>\n<details><summary>Parameters</summary><table>\n");
        param(h, "connectivity", p.connectivity().neighbours + "-connected");
        param(h, "min fragment", p.minFragment() + " voxels");
        param(h, "id switch IoU", num(p.idSwitchIoU()));
        param(h, "area jump factor", num(p.areaJumpFactor()) + " (judged from " + p.areaJumpMinArea() + " voxels)");
        param(h, "min contact", p.minContact() + " voxel faces");
        param(h, "max membrane", num(p.maxMembraneNm()) + " nm = " + r.membraneRadius()[0] + "/" + r.membraneRadius()[1] + "/" + r.membraneRadius()[2] + " voxels (x/y/z)");
        param(h, "extracellular unlabelled", String.valueOf(p.extracellularUnlabelled()));
        h.append("</table></details>\n");

        List<Finding> findings = new ArrayList<>(r.findings());
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::check).thenComparing(Comparator.comparingLong(Finding::voxels).reversed()));
        h.append("<h2>Findings (").append(findings.size()).append(")</h2>\n");
        if (findings.isEmpty()) h.append("<p>None: every check passed.</p>\n");
        Contrast contrast = data.raw() == null ? Contrast.FULL : Contrast.auto(Contrast.histogram(data.raw()));
        double fieldNm = CROP_VOXELS * Math.min(vs.x(), Math.min(vs.y(), vs.z()));
        int shown = 0;
        for (Finding f : findings) {
            if (shown == MAX_IMAGES) {
                h.append("<p class=\"muted\">").append(findings.size() - MAX_IMAGES).append(" more findings without images:</p>\n<table>")
                    .append("<tr><th>severity</th><th>check</th><th>segment</th><th>other</th><th>at</th><th>voxels</th><th>detail</th></tr>\n");
            }
            if (shown < MAX_IMAGES) {
                h.append("<div class=\"f\"><span class=\"").append(f.severity().key()).append("\">").append(f.severity().key()).append("</span> <b>")
                    .append(f.check().key).append("</b> ").append(segmentText(f)).append(" at ").append(box.export().toMag1(f.at())).append(", ").append(f.voxels())
                    .append(" voxels").append(f.section() == null ? "" : ", section " + f.axis() + " = " + f.section() * box.export().workMag().get(f.axis() - 'x')).append("<br>")
                    .append(esc(f.detail())).append("<br>\n");
                long[] ids = f.segment() == null ? new long[0] : f.otherSegment() == null ? new long[] {f.segment()} : new long[] {f.segment(), f.otherSegment()};
                for (Crops.Crop c : Crops.around(data, box.labels().table(), vs, f.at(), ids, CROP_PX, fieldNm, contrast)) {
                    h.append("<img width=\"").append(CROP_PX).append("\" height=\"").append(CROP_PX).append("\" alt=\"").append(c.plane())
                        .append("\" title=\"").append(c.plane()).append("\" src=\"data:image/png;base64,").append(png(c)).append("\">");
                }
                h.append("<div class=\"cap\">XY · XZ · YZ, ").append(CROP_VOXELS).append(" voxels across; the ring marks the voxel</div></div>\n");
            } else {
                h.append("<tr><td class=\"").append(f.severity().key()).append("\">").append(f.severity().key()).append("</td><td>").append(f.check().key)
                    .append("</td><td>").append(f.segment() == null ? "" : SegmentIds.toString(f.segment())).append("</td><td>")
                    .append(f.otherSegment() == null ? "" : SegmentIds.toString(f.otherSegment())).append("</td><td>").append(box.export().toMag1(f.at()))
                    .append("</td><td class=\"num\">").append(f.voxels()).append("</td><td>").append(esc(f.detail())).append("</td></tr>\n");
            }
            shown++;
        }
        if (shown > MAX_IMAGES) h.append("</table>\n");

        Map<Long, Integer> perSegment = new HashMap<>();
        for (Finding f : findings) if (f.segment() != null) perSegment.merge(f.segment(), 1, Integer::sum);
        h.append("<h2>Segments (").append(r.segments().size()).append(")</h2>\n<table><tr><th>id</th><th>voxels</th><th>bbox min</th><th>bbox max</th>")
            .append("<th>components</th><th>holes</th><th>findings</th>").append(notes.isEmpty() ? "" : "<th>verdict</th><th>comment</th>").append("</tr>\n");
        for (QcReport.SegmentSummary s : r.segments()) {
            long id = s.stats().id();
            h.append("<tr><td>").append(SegmentIds.toString(id)).append("</td><td class=\"num\">").append(s.stats().voxels()).append("</td><td>")
                .append(box.export().toMag1(s.stats().bboxMin())).append("</td><td>").append(box.export().toMag1Max(s.stats().bboxMax())).append("</td><td class=\"num\">").append(s.components())
                .append("</td><td class=\"num\">").append(s.holes()).append("</td><td class=\"num\">").append(perSegment.getOrDefault(id, 0)).append("</td>");
            if (!notes.isEmpty()) {
                Note n = notes.get(id);
                h.append("<td>").append(n == null ? "" : esc(n.verdict())).append("</td><td>").append(n == null ? "" : esc(n.comment())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p class=\"muted\">Written by Proofbox <code>check</code>.</p>\n</body></html>\n");
        return h.toString();
    }

    private static String segmentText(Finding f) {
        if (f.segment() == null) return "(unlabelled)";
        String s = "segment " + SegmentIds.toString(f.segment());
        return f.otherSegment() == null ? s : s + " → " + SegmentIds.toString(f.otherSegment());
    }

    private static void param(StringBuilder h, String k, String v) {
        h.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v)).append("</td></tr>\n");
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String png(Crops.Crop c) {
        BufferedImage img = new BufferedImage(c.size(), c.size(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, c.size(), c.size(), c.argb(), 0, c.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e); // in memory: cannot happen
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
