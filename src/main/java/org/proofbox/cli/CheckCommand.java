package org.proofbox.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.proofbox.algo.QcReport;
import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.model.Check;
import org.proofbox.model.Connectivity;
import org.proofbox.model.Finding;
import org.proofbox.model.QcParameters;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.Severity;
import org.proofbox.render.HtmlReport;
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
        + " [--jump-factor X] [--jump-min-area N] [--min-contact N] [--max-membrane-nm X] [--extracellular-unlabelled] [--instance [--min-fragment-um3 X] [--min-jump-area-um2 X] [--min-convexity X]] [--jobs N] " + Inputs.SOURCE_USAGE + " | check --merge BOX.json ...";

    static int run(List<String> args, PrintStream out, PrintStream err) throws ExportException, CliException {
        QcParameters d = QcParameters.defaults();
        Connectivity conn = d.connectivity();
        int minFragment = d.minFragment(), jumpMinArea = d.areaJumpMinArea(), minContact = d.minContact();
        double iou = d.idSwitchIoU(), jump = d.areaJumpFactor(), membraneNm = d.maxMembraneNm();
        boolean extracellular = false, json = false, merge = false, instance = false;
        double minUm3 = QcParameters.DEFAULT_MIN_FRAGMENT_UM3, minJumpUm2 = QcParameters.DEFAULT_MIN_JUMP_AREA_UM2, minConvexity = QcParameters.DEFAULT_MIN_CONVEXITY;
        String html = null, volume = null;
        List<String> paths = new java.util.ArrayList<>();
        Integer boxId = null, jobs = null;
        Inputs.SourceArgs cut = new Inputs.SourceArgs();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int j = Inputs.sourceOption(args, i, "check", cut);
            if (j >= 0) {
                i = j;
                continue;
            }
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
                    case "--instance" -> instance = true;
                    case "--min-fragment-um3" -> minUm3 = Double.parseDouble(value(args, ++i, a));
                    case "--min-jump-area-um2" -> minJumpUm2 = Double.parseDouble(value(args, ++i, a));
                    case "--min-convexity" -> minConvexity = Double.parseDouble(value(args, ++i, a));
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
        if (!(minConvexity >= 0 && minConvexity <= 1)) throw new CliException("check: bad value for --min-convexity: " + minConvexity + " (a share from 0 to 1)");
        QcParameters p = new QcParameters(conn, minFragment, iou, jump, jumpMinArea, minContact, membraneNm, extracellular, instance, minUm3, minJumpUm2, minConvexity);
        if (merge) return ProjectCheck.merge(paths, json, html, out);
        List<Path> boxes = ProjectCheck.boxes(paths);
        if (boxes != null) {
            if (volume != null || boxId != null) throw new CliException("check: --volume and --box take one annotation zip");
            return ProjectCheck.run(boxes, p, jobs, json, html, out, err);
        }
        String path = paths.isEmpty() ? null : paths.get(0);
        Export export = Inputs.open(path, volume, boxId, cut);
        int threads = Runtime.getRuntime().availableProcessors();
        boolean timing = Boolean.getBoolean("proofbox.timing"); // phases on stderr, for docs/BENCHMARKS.md
        Progress tp = timing ? Progress.timed(err) : Progress.NONE;
        long t0 = System.nanoTime();
        LoadedBox box = LoadedBox.load(export, threads, tp, html != null ? MemoryPlan.Use.CHECK_WITH_VIEWS : MemoryPlan.Use.CHECK);
        long t1 = System.nanoTime();
        if (!p.instance() && org.proofbox.review.BoxCheck.looksLikeInstances(box)) {
            err.printf(java.util.Locale.ROOT, "proofbox: note: %s looks like an instance annotation (%.1f %% labelled, %d segments); for nuclei, somata and the like give --instance%n",
                path == null ? "the box" : path, 100.0 * box.index().labelledVoxels() / Math.max(1, box.labels().voxelCount()), box.index().segmentCount());
        }
        QcReport report = org.proofbox.review.BoxCheck.check(box, p, threads, tp);
        tp.report(1, "done");
        if (timing) err.printf(Locale.ROOT, "proofbox: read and indexed in %.1f s, checked in %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        if (html != null) {
            org.proofbox.render.SliceData data = org.proofbox.render.SliceDataLoader.load(box, threads, Progress.NONE);
            HtmlReport.write(Path.of(html), box, data, report, null);
        }
        if (json) out.println(toJson(box, report));
        else printSummary(box, report, out);
        return report.count(Severity.ERROR) > 0 ? 1 : 0;
    }

    static QcReport check(LoadedBox box, QcParameters p, int threads) {
        return org.proofbox.review.BoxCheck.check(box, p, threads);
    }

    private static String value(List<String> a, int i, String opt) throws CliException {
        if (i >= a.size()) throw new CliException("check: " + opt + " needs a value");
        return a.get(i);
    }

    static ObjectNode toJson(LoadedBox box, QcReport r) {
        return org.proofbox.review.BoxCheck.json(box, r);
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
