package org.proofbox.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.proofbox.io.Json;

/**
 * The guide's "uniform quality" across the boxes of a project (issue 16), as a pure function of the
 * per-box check results ({@code proofbox check BOX --json}, each with its {@code metrics}): a
 * project report with every box's figures and the findings that name the boxes differing from the
 * others — the membrane-style minority, a median gap width or labelled fraction far from the
 * project's median, fragment or hole rates far above it — each with its numbers and the rule that
 * fired. Rules compare a box with the median of the boxes (robust against the outlier itself) and
 * need at least {@link Rules#minBoxes} boxes measured.
 */
public final class Consistency {
    private Consistency() {}

    /**
     * @param minBoxes      boxes a rule needs before it judges (fewer: no finding, said in the report)
     * @param madFactor     a box is far from the median when it lies beyond this many scaled MADs (1.4826·MAD) …
     * @param gapRelative   … and, for the gap width, more than this share of the median away
     * @param labelledAbs   … and, for the labelled fraction, more than this (absolute) away
     * @param rateFactor    a fragment or hole rate is far above when over this many times the median …
     * @param rateMin       … and above this many per 1000 segments
     * @param minInstances  instances (with a convexity, from boxes checked as instance annotations) the shape rule needs
     * @param convexityDrop an instance is far less convex than the project's when below its median by more than
     *                      max(madFactor scaled MADs, this)
     */
    public record Rules(int minBoxes, double madFactor, double gapRelative, double labelledAbs, double rateFactor, double rateMin,
                        int minInstances, double convexityDrop) {
        public static Rules defaults() {
            return new Rules(3, 3.0, 0.5, 0.05, 3.0, 10.0, 10, 0.05);
        }

        ObjectNode json() {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("minBoxes", minBoxes);
            n.put("madFactor", madFactor);
            n.put("gapWidthRelative", gapRelative);
            n.put("labelledFractionAbsolute", labelledAbs);
            n.put("rateFactor", rateFactor);
            n.put("rateMinPer1000Segments", rateMin);
            n.put("membraneStyle", "a box whose style (gap or touch) is the minority among the boxes");
            n.put("gapWidth", "gap-style boxes: |median gap - project median| > max(madFactor * 1.4826 * MAD, gapWidthRelative * project median)");
            n.put("labelledFraction", "|labelled fraction - project median| > max(madFactor * 1.4826 * MAD, labelledFractionAbsolute)");
            n.put("fragmentRate", "small fragments per 1000 segments > max(rateFactor * project median, project median + madFactor * 1.4826 * MAD, rateMinPer1000Segments)");
            n.put("holeRate", "holes per 1000 segments, as fragmentRate");
            n.put("minInstances", minInstances);
            n.put("convexityDrop", convexityDrop);
            n.put("instanceShape", "instance boxes: an instance's convexity < project median of all instances - max(madFactor * 1.4826 * MAD, convexityDrop),"
                + " unless its own box already reports it (below that box's minConvexity)");
            return n;
        }
    }

    /** A box that could not be checked: named in the report, the others go on. */
    public record Failed(String path, String error) {}

    public static ObjectNode report(List<JsonNode> boxes, List<Failed> failed, Rules rules) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("format", "proofbox-project-check");
        o.set("rules", rules.json());
        ArrayNode bs = o.putArray("boxes");
        for (JsonNode b : boxes) {
            ObjectNode n = bs.addObject();
            n.put("name", b.path("name").asText());
            n.put("path", b.path("path").asText());
            n.set("metrics", b.path("metrics").deepCopy());
            n.set("summary", b.path("summary").deepCopy());
            if (b.has("review")) n.set("review", b.get("review").deepCopy());
        }
        ArrayNode fs = o.putArray("failed");
        for (Failed f : failed) fs.addObject().put("path", f.path()).put("error", f.error());
        ArrayNode findings = o.putArray("consistency");
        List<String> notes = new ArrayList<>();
        membraneStyle(boxes, rules, findings, notes);
        far(boxes, "gapWidth", "medianGapNm", "median gap width", "nm", rules, findings, notes, true);
        far(boxes, "labelledFraction", "labelledFraction", "labelled fraction", "", rules, findings, notes, false);
        rate(boxes, "fragmentRate", "fragmentsPer1000Segments", "small fragments per 1000 segments", rules, findings, notes);
        rate(boxes, "holeRate", "holesPer1000Segments", "holes per 1000 segments", rules, findings, notes);
        instanceShape(boxes, rules, findings, notes);
        ArrayNode ns = o.putArray("notes");
        notes.forEach(ns::add);
        ObjectNode sum = o.putObject("summary");
        sum.put("boxes", boxes.size());
        sum.put("failed", failed.size());
        sum.put("consistencyFindings", findings.size());
        int errors = 0, warnings = 0;
        for (JsonNode b : boxes) {
            errors += b.path("summary").path("errors").asInt();
            warnings += b.path("summary").path("warnings").asInt();
        }
        sum.put("errors", errors);
        sum.put("warnings", warnings);
        return o;
    }

    private static void membraneStyle(List<JsonNode> boxes, Rules rules, ArrayNode out, List<String> notes) {
        int gap = 0, touch = 0;
        for (JsonNode b : boxes) {
            String s = b.path("metrics").path("membraneStyle").asText("");
            if (s.equals("gap")) gap++;
            else if (s.equals("touch")) touch++;
        }
        if (gap + touch < rules.minBoxes()) {
            notes.add("membraneStyle: " + (gap + touch) + " boxes measured, fewer than " + rules.minBoxes() + "; not judged");
            return;
        }
        if (gap == touch) {
            if (gap > 0) notes.add("membraneStyle: as many gap-style as touch-style boxes (" + gap + "); no majority to compare with");
            return;
        }
        String majority = gap > touch ? "gap" : "touch";
        for (JsonNode b : boxes) {
            JsonNode m = b.path("metrics");
            String s = m.path("membraneStyle").asText("");
            if (s.isEmpty() || s.equals(majority)) continue;
            double share = m.path("touchShare").asDouble(Double.NaN);
            add(out, "membraneStyle", b, share, Double.NaN, String.format(Locale.ROOT,
                "membranes %s (direct contacts are %.0f %% of the boundaries along x) where %d of %d boxes %s", s.equals("touch") ? "not labelled apart: segments touch" : "left as unlabelled gaps",
                100 * share, Math.max(gap, touch), gap + touch, majority.equals("gap") ? "leave unlabelled gaps between segments" : "let segments touch"));
        }
    }

    private static void far(List<JsonNode> boxes, String rule, String key, String what, String unit, Rules rules, ArrayNode out, List<String> notes,
                            boolean gapStyleOnly) {
        List<JsonNode> judged = new ArrayList<>();
        for (JsonNode b : boxes) {
            JsonNode m = b.path("metrics");
            if (gapStyleOnly && !m.path("membraneStyle").asText("").equals("gap")) continue;
            if (m.path(key).isNumber()) judged.add(b);
        }
        if (judged.size() < rules.minBoxes()) {
            notes.add(rule + ": " + judged.size() + " boxes measured, fewer than " + rules.minBoxes() + "; not judged");
            return;
        }
        double[] v = judged.stream().mapToDouble(b -> b.path("metrics").path(key).asDouble()).toArray();
        double med = median(v), mad = 1.4826 * median(Arrays.stream(v).map(x -> Math.abs(x - med)).toArray());
        double limit = Math.max(rules.madFactor() * mad, gapStyleOnly ? rules.gapRelative() * med : rules.labelledAbs());
        for (JsonNode b : judged) {
            double x = b.path("metrics").path(key).asDouble();
            if (Math.abs(x - med) <= limit) continue;
            add(out, rule, b, x, med, String.format(Locale.ROOT, "%s %s%s against the project's median %s%s (allowed ±%s%s; scaled MAD %s)", what,
                fmt(x), unit.isEmpty() ? "" : " " + unit, fmt(med), unit.isEmpty() ? "" : " " + unit, fmt(limit), unit.isEmpty() ? "" : " " + unit, fmt(mad)));
        }
    }

    private static void rate(List<JsonNode> boxes, String rule, String key, String what, Rules rules, ArrayNode out, List<String> notes) {
        List<JsonNode> judged = new ArrayList<>();
        for (JsonNode b : boxes) if (b.path("metrics").path(key).isNumber() && b.path("metrics").path("segments").asInt() > 0) judged.add(b);
        if (judged.size() < rules.minBoxes()) {
            notes.add(rule + ": " + judged.size() + " boxes measured, fewer than " + rules.minBoxes() + "; not judged");
            return;
        }
        double[] v = judged.stream().mapToDouble(b -> b.path("metrics").path(key).asDouble()).toArray();
        double med = median(v), mad = 1.4826 * median(Arrays.stream(v).map(x -> Math.abs(x - med)).toArray());
        double limit = Math.max(Math.max(rules.rateFactor() * med, med + rules.madFactor() * mad), rules.rateMin());
        for (JsonNode b : judged) {
            double x = b.path("metrics").path(key).asDouble();
            if (x <= limit) continue;
            add(out, rule, b, x, med, String.format(Locale.ROOT, "%s %s, %.1f× the project's median %s (limit %s)", what, fmt(x), med == 0 ? Double.POSITIVE_INFINITY : x / med,
                fmt(med), fmt(limit)));
        }
    }

    /**
     * The guide's "verify the 3D shape of each instance", across boxes: an instance much less convex
     * than the project's instances (lobed where the others are ovoid, or two under one id) — the
     * relative test the per-box threshold cannot make.
     */
    private static void instanceShape(List<JsonNode> boxes, Rules rules, ArrayNode out, List<String> notes) {
        List<double[]> all = new ArrayList<>(); // convexity, box index, segment index
        for (int b = 0; b < boxes.size(); b++) {
            JsonNode segs = boxes.get(b).path("segments");
            for (int i = 0; i < segs.size(); i++) if (segs.get(i).path("convexity").isNumber()) all.add(new double[] {segs.get(i).path("convexity").asDouble(), b, i});
        }
        if (all.isEmpty()) return; // no box checked as instances
        if (all.size() < rules.minInstances()) {
            notes.add("instanceShape: " + all.size() + " instances measured, fewer than " + rules.minInstances() + "; not judged");
            return;
        }
        double[] v = all.stream().mapToDouble(a -> a[0]).toArray();
        double med = median(v), mad = 1.4826 * median(Arrays.stream(v).map(x -> Math.abs(x - med)).toArray());
        double limit = med - Math.max(rules.madFactor() * mad, rules.convexityDrop());
        for (double[] a : all) {
            JsonNode box = boxes.get((int) a[1]);
            double own = box.path("parameters").path("minConvexity").asDouble(0);
            if (a[0] >= limit || a[0] < own) continue;
            JsonNode seg = box.path("segments").get((int) a[2]);
            add(out, "instanceShape", box, a[0], med, String.format(Locale.ROOT, "instance %s: convexity %.2f against the project's median %.2f over %d instances (limit %.2f; scaled MAD %s)",
                seg.path("id").asText(), a[0], med, all.size(), limit, fmt(mad)));
            ((ObjectNode) out.get(out.size() - 1)).set("segment", seg.path("id").deepCopy());
        }
    }

    private static void add(ArrayNode out, String rule, JsonNode box, double value, double reference, String detail) {
        ObjectNode f = out.addObject();
        f.put("rule", rule);
        f.put("severity", "warning");
        f.put("box", box.path("name").asText());
        f.put("path", box.path("path").asText());
        if (Double.isFinite(value)) f.put("value", value); else f.putNull("value");
        if (Double.isFinite(reference)) f.put("projectMedian", reference); else f.putNull("projectMedian");
        f.put("detail", detail);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static String fmt(double x) {
        if (x == 0) return "0";
        double a = Math.abs(x);
        return a >= 100 ? String.format(Locale.ROOT, "%.0f", x) : a >= 1 ? String.format(Locale.ROOT, "%.2f", x) : String.format(Locale.ROOT, "%.3g", x);
    }
}
