package org.proofbox.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.proofbox.io.AtomicFiles;
import org.proofbox.io.ExportException;

/**
 * The project dashboard (issue 16): one self-contained HTML file (no network, opens from disk)
 * from the project report of {@code review.Consistency} — the consistency findings first, a
 * sortable table of the boxes with the outlying figures marked, per-metric bar plots and the
 * segment-size curves of every box overlaid (inline SVG), and per box a link to its own report
 * with crops where one was written.
 */
public final class ProjectReport {
    private ProjectReport() {}

    /** The figures plotted as bars: JSON key, title, the rule that marks its outliers, scale to show. */
    private record Bar(String key, String title, String rule, double scale, String unit) {}

    private static final List<Bar> BARS = List.of(
        new Bar("labelledFraction", "Labelled fraction", "labelledFraction", 100, "%"),
        new Bar("medianGapNm", "Median membrane gap", "gapWidth", 1, "nm"),
        new Bar("fragmentsPer1000Segments", "Small fragments per 1000 segments", "fragmentRate", 1, ""),
        new Bar("holesPer1000Segments", "Holes per 1000 segments", "holeRate", 1, ""));

    /** {@code links}: box path → relative link to its own report (absent: none was written). */
    public static void write(Path file, JsonNode report, Map<String, String> links) throws ExportException {
        try {
            AtomicFiles.write(file.toAbsolutePath(), render(report, links).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ExportException(file, "cannot write the project report: " + e.getMessage(), e);
        }
    }

    static String render(JsonNode r, Map<String, String> links) {
        List<JsonNode> boxes = new ArrayList<>();
        r.path("boxes").forEach(boxes::add);
        Set<String> flagged = new HashSet<>(); // "path|rule"
        for (JsonNode f : r.path("consistency")) flagged.add(f.path("path").asText() + "|" + f.path("rule").asText());
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Proofbox project report</title><style>")
            .append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}")
            .append("th{background:#eee;cursor:pointer;user-select:none}td.l,th.l{text-align:left}td.out{background:#f8c9c4;font-weight:bold}")
            .append(".finding{margin:4px 0}.warn{color:#a15c00;font-weight:bold}.fail{color:#b00020}svg{background:#fafafa;border:1px solid #ddd;margin:4px 12px 12px 0}")
            .append("details{margin:8px 0}code{background:#f2f2f2;padding:1px 4px}</style></head><body>");
        JsonNode sum = r.path("summary");
        h.append("<h1>Project report</h1><p>").append(sum.path("boxes").asInt()).append(" boxes checked, ").append(sum.path("failed").asInt())
            .append(" failed; ").append(sum.path("errors").asInt()).append(" errors and ").append(sum.path("warnings").asInt())
            .append(" warnings in the boxes; <b>").append(sum.path("consistencyFindings").asInt()).append(" consistency findings</b>.</p>");

        h.append("<h2>Consistency</h2>");
        if (r.path("consistency").isEmpty()) h.append("<p>No box differs from the others by the rules below.</p>");
        for (JsonNode f : r.path("consistency")) {
            h.append("<div class=\"finding\"><span class=\"warn\">").append(esc(f.path("rule").asText())).append("</span> ")
                .append(boxLink(f.path("path").asText(), label(f), links)).append(": ").append(esc(f.path("detail").asText())).append("</div>");
        }
        for (JsonNode n : r.path("notes")) h.append("<div class=\"finding\">note: ").append(esc(n.asText())).append("</div>");
        for (JsonNode f : r.path("failed")) h.append("<div class=\"finding fail\">not checked: ").append(esc(f.path("error").asText())).append("</div>");
        h.append("<details><summary>Rules and thresholds</summary><table>");
        r.path("rules").fields().forEachRemaining(e -> h.append("<tr><td class=\"l\">").append(esc(e.getKey())).append("</td><td class=\"l\">")
            .append(esc(e.getValue().asText())).append("</td></tr>"));
        h.append("</table></details>");

        h.append("<h2>Boxes</h2><p>Click a column to sort. Marked cells: the figure a consistency finding names.</p><table id=\"boxes\"><thead><tr>");
        String[] cols = {"box", "style", "touch share", "gap nm", "labelled %", "wide unlabelled %", "segments", "seg/µm³", "fragments/1000", "holes/1000", "errors", "warnings", "reviewed"};
        for (int i = 0; i < cols.length; i++) h.append("<th").append(i <= 1 ? " class=\"l\"" : "").append(" onclick=\"sortBy(").append(i).append(")\">").append(cols[i]).append("</th>");
        h.append("</tr></thead><tbody>");
        for (JsonNode b : boxes) {
            JsonNode m = b.path("metrics"), s = b.path("summary"), rv = b.path("review");
            String p = b.path("path").asText();
            h.append("<tr><td class=\"l\">").append(boxLink(p, label(b), links)).append("</td>");
            h.append(cell(m.path("membraneStyle").asText(), m.path("membraneStyle").asText(), flagged.contains(p + "|membraneStyle"), true));
            h.append(num(m.path("touchShare"), 1, 2, false));
            h.append(num(m.path("medianGapNm"), 1, 1, flagged.contains(p + "|gapWidth")));
            h.append(num(m.path("labelledFraction"), 100, 1, flagged.contains(p + "|labelledFraction")));
            h.append(num(m.path("extracellularShare"), 100, 2, false));
            h.append(num(m.path("segments"), 1, 0, false));
            h.append(num(m.path("segmentsPerUm3"), 1, 1, false));
            h.append(num(m.path("fragmentsPer1000Segments"), 1, 1, flagged.contains(p + "|fragmentRate")));
            h.append(num(m.path("holesPer1000Segments"), 1, 1, flagged.contains(p + "|holeRate")));
            h.append(num(s.path("errors"), 1, 0, false)).append(num(s.path("warnings"), 1, 0, false));
            if (rv.isMissingNode()) h.append(cell("", "-1", false, false));
            else {
                int done = rv.path("approved").asInt() + rv.path("needsFix").asInt() + rv.path("skipped").asInt(), all = done + rv.path("open").asInt();
                double share = all == 0 ? 0 : 100.0 * done / all;
                h.append(cell(String.format(Locale.ROOT, "%.0f %% (%d need a fix)", share, rv.path("needsFix").asInt()), String.valueOf(share), false, false));
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");

        h.append("<h2>Figures per box</h2><p>Red: the box a consistency finding names; dashed: the project's median.</p>");
        for (Bar bar : BARS) h.append(bars(boxes, bar, flagged));
        h.append(sizeCurves(boxes, flagged));
        h.append("<script>function sortBy(c){const t=document.getElementById('boxes').tBodies[0];const rows=[...t.rows];")
            .append("const dir=t.dataset.col==c&&t.dataset.dir=='1'?-1:1;t.dataset.col=c;t.dataset.dir=dir==1?'1':'-1';")
            .append("rows.sort((a,b)=>{const x=a.cells[c].dataset.v,y=b.cells[c].dataset.v;const nx=parseFloat(x),ny=parseFloat(y);")
            .append("return dir*(isNaN(nx)||isNaN(ny)?x.localeCompare(y):nx-ny);});rows.forEach(r=>t.appendChild(r));}</script>");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String bars(List<JsonNode> boxes, Bar bar, Set<String> flagged) {
        int w = Math.max(320, 60 + 26 * boxes.size()), ht = 170, top = 24, base = 140;
        double max = 0;
        List<Double> vals = new ArrayList<>();
        for (JsonNode b : boxes) {
            JsonNode v = b.path("metrics").path(bar.key());
            double x = v.isNumber() ? v.asDouble() * bar.scale() : Double.NaN;
            vals.add(x);
            if (x > max) max = x;
        }
        if (max <= 0) max = 1;
        double[] finite = vals.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).sorted().toArray();
        StringBuilder s = new StringBuilder();
        s.append("<svg width=\"").append(w).append("\" height=\"").append(ht).append("\" role=\"img\"><text x=\"8\" y=\"16\" font-size=\"13\">")
            .append(esc(bar.title())).append(bar.unit().isEmpty() ? "" : " (" + bar.unit() + ")").append(", max ").append(fmt(max)).append("</text>");
        for (int i = 0; i < boxes.size(); i++) {
            double x = vals.get(i);
            int bx = 40 + 26 * i;
            boolean out = flagged.contains(boxes.get(i).path("path").asText() + "|" + bar.rule());
            if (Double.isFinite(x)) {
                int hgt = (int) Math.round((base - top) * x / max);
                s.append("<rect x=\"").append(bx).append("\" y=\"").append(base - hgt).append("\" width=\"18\" height=\"").append(Math.max(hgt, 1))
                    .append("\" fill=\"").append(out ? "#d32f2f" : "#5b8bd0").append("\"><title>").append(esc(label(boxes.get(i)))).append(": ")
                    .append(fmt(x)).append("</title></rect>");
            } else {
                s.append("<text x=\"").append(bx + 4).append("\" y=\"").append(base - 4).append("\" font-size=\"11\">–</text>");
            }
            s.append("<text x=\"").append(bx + 9).append("\" y=\"").append(base + 14).append("\" font-size=\"10\" text-anchor=\"middle\">").append(i + 1).append("</text>");
        }
        if (finite.length > 0) {
            double med = finite.length % 2 == 1 ? finite[finite.length / 2] : (finite[finite.length / 2 - 1] + finite[finite.length / 2]) / 2;
            int y = (int) Math.round(base - (base - top) * med / max);
            s.append("<line x1=\"34\" x2=\"").append(w - 10).append("\" y1=\"").append(y).append("\" y2=\"").append(y)
                .append("\" stroke=\"#333\" stroke-dasharray=\"4 3\"><title>median ").append(fmt(med)).append("</title></line>");
        }
        s.append("<text x=\"8\" y=\"").append(ht - 6).append("\" font-size=\"10\">boxes in the table's first order</text></svg>");
        return s.toString();
    }

    /** Each box's segment-size quantiles (p10…p90, log scale) as one line. */
    private static String sizeCurves(List<JsonNode> boxes, Set<String> flagged) {
        String[] qs = {"p10", "p25", "p50", "p75", "p90"};
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (JsonNode b : boxes) for (String q : qs) {
            JsonNode v = b.path("metrics").path("segmentSizeQuantilesUm3").path(q);
            if (v.isNumber() && v.asDouble() > 0) {
                lo = Math.min(lo, Math.log10(v.asDouble()));
                hi = Math.max(hi, Math.log10(v.asDouble()));
            }
        }
        if (!Double.isFinite(lo)) return "";
        if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
        int w = 420, ht = 220, l = 60, r = 20, t = 28, bot = 180;
        StringBuilder s = new StringBuilder("<svg width=\"" + w + "\" height=\"" + ht + "\" role=\"img\"><text x=\"8\" y=\"16\" font-size=\"13\">Segment sizes (µm³, log scale) at the 10th…90th percentile</text>");
        for (int i = 0; i < qs.length; i++) {
            int x = l + i * (w - l - r) / (qs.length - 1);
            s.append("<text x=\"").append(x).append("\" y=\"").append(bot + 16).append("\" font-size=\"10\" text-anchor=\"middle\">").append(qs[i]).append("</text>");
        }
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"10\">1e%.1f</text><text x=\"4\" y=\"%d\" font-size=\"10\">1e%.1f</text>", t + 4, hi, bot, lo));
        for (JsonNode b : boxes) {
            boolean out = false;
            for (String rule : List.of("membraneStyle", "gapWidth", "labelledFraction", "fragmentRate", "holeRate")) out |= flagged.contains(b.path("path").asText() + "|" + rule);
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < qs.length; i++) {
                JsonNode v = b.path("metrics").path("segmentSizeQuantilesUm3").path(qs[i]);
                if (!v.isNumber() || v.asDouble() <= 0) continue;
                int x = l + i * (w - l - r) / (qs.length - 1);
                int y = (int) Math.round(bot - (bot - t) * (Math.log10(v.asDouble()) - lo) / (hi - lo));
                pts.append(x).append(',').append(y).append(' ');
            }
            s.append("<polyline fill=\"none\" stroke-width=\"").append(out ? 2.5 : 1.5).append("\" stroke=\"").append(out ? "#d32f2f" : "#5b8bd0")
                .append("\" opacity=\"0.8\" points=\"").append(pts.toString().trim()).append("\"><title>").append(esc(label(b))).append("</title></polyline>");
        }
        return s.append("</svg>").toString();
    }

    private static String num(JsonNode v, double scale, int decimals, boolean out) {
        if (!v.isNumber()) return cell("–", "-1", out, false);
        double x = v.asDouble() * scale;
        return cell(String.format(Locale.ROOT, "%,." + decimals + "f", x), String.valueOf(x), out, false);
    }

    private static String cell(String text, String sortValue, boolean out, boolean left) {
        String cls = (left ? "l" : "") + (out ? (left ? " out" : "out") : "");
        return "<td" + (cls.isEmpty() ? "" : " class=\"" + cls + "\"") + " data-v=\"" + esc(sortValue) + "\">" + esc(text) + "</td>";
    }

    private static String boxLink(String path, String label, Map<String, String> links) {
        String link = links.get(path);
        return link == null ? esc(label) : "<a href=\"" + esc(link) + "\">" + esc(label) + "</a>";
    }

    /** A box as the report names it: its folder or zip (copies of one dataset share its name). */
    static String label(JsonNode n) {
        Path p = Path.of(n.path("path").asText(""));
        return p.getFileName() == null ? n.path("name").asText() : p.getFileName().toString();
    }

    private static String fmt(double x) {
        return Math.abs(x) >= 100 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.3g", x);
    }

    private static String esc(String s) {
        return HtmlReport.esc(s);
    }
}
