package org.proofbox.cli;

import org.proofbox.render.HtmlReport;
import org.proofbox.io.JsonIds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.proofbox.algo.QcEngine;
import org.proofbox.algo.QcReport;
import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.io.Json;
import org.proofbox.model.Check;
import org.proofbox.model.Connectivity;
import org.proofbox.model.Finding;
import org.proofbox.model.QcParameters;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.Severity;
import org.proofbox.store.LoadedBox;
import org.proofbox.store.MemoryPlan;
import org.proofbox.task.Progress;

/**
 * {@code proofbox check PATH [--json] [--html FILE] [options]}: every QC check over the box.
 * Exit code 0 without error findings, 1 with, 2 on bad input.
 */
final class CheckCommand {
    private CheckCommand() {}

    static final String USAGE = "check [PATH|ANNOTATION.zip|FOLDER ...] [--json] [--html FILE] [--volume NAME] [--box ID] [--connectivity 6|18|26] [--min-fragment N] [--iou X]"
        + " [--jump-factor X] [--jump-min-area N] [--min-contact N] [--max-membrane-nm X] [--extracellular-unlabelled] [--jobs N] | check --merge BOX.json ...";

    static int run(List<String> args, PrintStream out, PrintStream err) throws ExportException, CliException {
        QcParameters d = QcParameters.defaults();
        Connectivity conn = d.connectivity();
        int minFragment = d.minFragment(), jumpMinArea = d.areaJumpMinArea(), minContact = d.minContact();
        double iou = d.idSwitchIoU(), jump = d.areaJumpFactor(), membraneNm = d.maxMembraneNm();
        boolean extracellular = false, json = false, merge = false;
        String html = null, volume = null;
        List<String> paths = new java.util.ArrayList<>();
        Integer boxId = null, jobs = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            try {
                switch (a) {
                    case "--json" -> json = true;
                    case "--html" -> html = value(args, ++i, a);
                    case "--volume" -> volume = value(args, ++i, a);
                    case "--box" -> boxId = Inputs.intValue(args, ++i, "check", a);
                    case "--connectivity" -> conn = Connectivity.of(Integer.parseInt(value(args, ++i, a)));
                    case "--min-fragment" -> minFragment = Integer.parseInt(value(args, ++i, a));
                    case "--iou" -> iou = Double.parseDouble(value(args, ++i, a));
                    case "--jump-factor" -> jump = Double.parseDouble(value(args, ++i, a));
                    case "--jump-min-area" -> jumpMinArea = Integer.parseInt(value(args, ++i, a));
                    case "--min-contact" -> minContact = Integer.parseInt(value(args, ++i, a));
                    case "--max-membrane-nm" -> membraneNm = Double.parseDouble(value(args, ++i, a));
                    case "--extracellular-unlabelled" -> extracellular = true;
                    case "--merge" -> merge = true;
                    case "--jobs" -> jobs = Inputs.intValue(args, ++i, "check", a);
                    default -> {
                        if (a.startsWith("-")) throw new CliException("check: unknown option " + a + " (usage: " + USAGE + ")");
                        paths.add(a);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new CliException("check: bad value for " + a + ": " + e.getMessage());
            }
        }
        QcParameters p = new QcParameters(conn, minFragment, iou, jump, jumpMinArea, minContact, membraneNm, extracellular);
        if (merge) return ProjectCheck.merge(paths, json, out);
        List<Path> boxes = ProjectCheck.boxes(paths);
        if (boxes != null) {
            if (html != null) throw new CliException("check: --html takes one box; for a project use --json (the dashboard is not built yet)");
            if (volume != null || boxId != null) throw new CliException("check: --volume and --box take one annotation zip");
            return ProjectCheck.run(boxes, p, jobs, json, out, err);
        }
        String path = paths.isEmpty() ? null : paths.get(0);
        Export export = Inputs.open(path, volume, boxId);
        int threads = Runtime.getRuntime().availableProcessors();
        LoadedBox box = LoadedBox.load(export, threads, Progress.NONE, html != null ? MemoryPlan.Use.CHECK_WITH_VIEWS : MemoryPlan.Use.CHECK);
        QcReport report = check(box, p, threads);
        if (html != null) {
            org.proofbox.render.SliceData data = org.proofbox.render.SliceDataLoader.load(box, threads, Progress.NONE);
            HtmlReport.write(Path.of(html), box, data, report, null);
        }
        if (json) out.println(toJson(box, report));
        else printSummary(box, report, out);
        return report.count(Severity.ERROR) > 0 ? 1 : 0;
    }

    /** The box's QC report (an annotation with untouched buckets: findings in stored buckets only). */
    static QcReport check(LoadedBox box, QcParameters p, int threads) {
        Export export = box.export();
        QcReport report = QcEngine.run(box.labels(), box.index(), export.info().voxelSize(), p, threads, Progress.NONE);
        if (export.annotation() != null && export.annotation().incomplete()) report = QcEngine.onlyStored(report, export.annotation().isStored());
        return report;
    }

    private static String value(List<String> a, int i, String opt) throws CliException {
        if (i >= a.size()) throw new CliException("check: " + opt + " needs a value");
        return a.get(i);
    }

    static ObjectNode toJson(LoadedBox box, QcReport r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", box.export().info().name());
        o.put("path", box.export().info().root().toString());
        if (box.export().annotation() != null) o.set("annotation", Inputs.annotationJson(box.export().annotation()));
        QcParameters p = r.parameters();
        ObjectNode pn = org.proofbox.review.SessionFile.parameters(p);
        o.set("parameters", pn);
        pn.set("maxMembraneVoxels", Json.MAPPER.createArrayNode().add(r.membraneRadius()[0]).add(r.membraneRadius()[1]).add(r.membraneRadius()[2]));
        pn.put("backgroundConnectivity", 6);
        ObjectNode ms = o.putObject("membraneStyle");
        ms.put("style", r.gapStyle() ? "gap" : "touch");
        ms.put("directContactsAlongX", r.directContactsX());
        ms.put("gapsAlongX", r.gapsX());
        o.set("metrics", metrics(org.proofbox.algo.BoxMetrics.of(box.labels(), box.index().segments(), box.export().info().voxelSize(), r)));
        ObjectNode review = review(box);
        if (review != null) o.set("review", review);
        ArrayNode segs = o.putArray("segments");
        for (QcReport.SegmentSummary s : r.segments()) {
            ObjectNode sn = segs.addObject();
            sn.set("id", JsonIds.id(s.stats().id()));
            sn.put("voxels", s.stats().voxels());
            sn.set("bboxMin", JsonIds.vec(s.stats().bboxMin()));
            sn.set("bboxMax", JsonIds.vec(s.stats().bboxMax()));
            sn.put("components", s.components());
            sn.put("holes", s.holes());
        }
        ArrayNode fs = o.putArray("findings");
        for (Finding f : r.findings()) fs.add(finding(f));
        ObjectNode sum = o.putObject("summary");
        for (Map.Entry<Check, Integer> e : r.countsByCheck().entrySet()) sum.put(e.getKey().key, e.getValue());
        sum.put("errors", r.count(Severity.ERROR));
        sum.put("warnings", r.count(Severity.WARNING));
        return o;
    }

    /** The box's figures a project compares (issue 16); NaN (not measurable) is written as null. */
    static ObjectNode metrics(org.proofbox.algo.BoxMetrics m) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("membraneStyle", m.membraneStyle());
        num(n, "touchShare", m.touchShare());
        num(n, "medianGapNm", m.medianGapNm());
        num(n, "labelledFraction", m.labelledFraction());
        num(n, "boxUm3", m.boxUm3());
        n.put("segments", m.segments());
        num(n, "segmentsPerUm3", m.segmentsPerUm3());
        num(n, "fragmentsPer1000Segments", m.fragmentsPer1000());
        num(n, "holesPer1000Segments", m.holesPer1000());
        ObjectNode q = n.putObject("segmentSizeQuantilesUm3");
        for (int i = 0; i < org.proofbox.algo.BoxMetrics.QUANTILES.length; i++) {
            num(q, String.format(Locale.ROOT, "p%02d", Math.round(org.proofbox.algo.BoxMetrics.QUANTILES[i] * 100)), m.sizeQuantilesUm3()[i]);
        }
        return n;
    }

    private static void num(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) n.put(key, v); else n.putNull(key);
    }

    /** Review progress from the box's saved session, or null when it has none (or it cannot be read). */
    static ObjectNode review(LoadedBox box) {
        Path file = org.proofbox.review.SessionFile.locate(box.export().info().root());
        if (!java.nio.file.Files.isRegularFile(file)) return null;
        try {
            var saved = org.proofbox.review.SessionFile.read(file);
            java.util.EnumMap<org.proofbox.model.Verdict, Integer> counts = new java.util.EnumMap<>(org.proofbox.model.Verdict.class);
            int decided = 0;
            for (var seg : box.index().segments()) {
                var v = saved.verdicts().get(seg.id());
                if (v != null && v != org.proofbox.model.Verdict.UNREVIEWED) {
                    counts.merge(v, 1, Integer::sum);
                    decided++;
                }
            }
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("session", file.toString());
            n.put("approved", counts.getOrDefault(org.proofbox.model.Verdict.APPROVED, 0));
            n.put("needsFix", counts.getOrDefault(org.proofbox.model.Verdict.NEEDS_FIX, 0));
            n.put("skipped", counts.getOrDefault(org.proofbox.model.Verdict.SKIPPED, 0));
            n.put("open", box.index().segmentCount() - decided);
            return n;
        } catch (ExportException e) {
            return null;
        }
    }

    static ObjectNode finding(Finding f) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("check", f.check().key);
        if (f.segment() == null) n.putNull("segment"); else n.set("segment", JsonIds.id(f.segment()));
        if (f.otherSegment() == null) n.putNull("otherSegment"); else n.set("otherSegment", JsonIds.id(f.otherSegment()));
        n.set("at", JsonIds.vec(f.at()));
        n.put("voxels", f.voxels());
        if (f.section() == null) n.putNull("section"); else n.put("section", f.section());
        if (f.axis() == null) n.putNull("axis"); else n.put("axis", String.valueOf(f.axis()));
        n.put("severity", f.severity().key());
        n.put("detail", f.detail());
        return n;
    }

    private static void printSummary(LoadedBox box, QcReport r, PrintStream out) {
        QcParameters p = r.parameters();
        out.printf(Locale.ROOT, "%s: %,d segments, %d-connectivity, min fragment %d, membrane style: %s%n", box.export().info().name(),
            r.segments().size(), p.connectivity().neighbours, p.minFragment(), r.gapStyle() ? "unlabelled gaps" : "segments touch");
        for (Map.Entry<Check, Integer> e : r.countsByCheck().entrySet()) out.printf(Locale.ROOT, "  %-15s %6d%n", e.getKey().key, e.getValue());
        out.printf(Locale.ROOT, "  %d errors, %d warnings%n", r.count(Severity.ERROR), r.count(Severity.WARNING));
        int shown = 0;
        for (Finding f : r.findings()) {
            if (shown++ == 20) {
                out.println("  ... (" + (r.findings().size() - 20) + " more; --json or --html lists all)");
                break;
            }
            out.printf(Locale.ROOT, "  %-7s %-15s seg %-10s at %s  %s%n", f.severity().key(), f.check().key,
                f.segment() == null ? "-" : SegmentIds.toString(f.segment()), f.at(), f.detail());
        }
    }
}
