package org.proofbox.review;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.proofbox.algo.QcEngine;
import org.proofbox.algo.QcReport;
import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.io.Json;
import org.proofbox.io.JsonIds;
import org.proofbox.model.Check;
import org.proofbox.model.Finding;
import org.proofbox.model.QcParameters;
import org.proofbox.model.Severity;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/**
 * One box's check as JSON, the unit of work of a project (issue 16): what {@code check BOX --json}
 * prints, what {@code check --merge} and the app's project list read — parameters, membrane
 * style, metrics, review progress, segments, findings, summary.
 */
public final class BoxCheck {
    private BoxCheck() {}

    /** The box's QC report (an annotation with untouched buckets: findings in stored buckets only). */
    public static QcReport check(LoadedBox box, QcParameters p, int threads) {
        return check(box, p, threads, Progress.NONE);
    }

    /** As {@link #check(LoadedBox, QcParameters, int)}, reporting to {@code progress}. */
    public static QcReport check(LoadedBox box, QcParameters p, int threads, Progress progress) {
        Export export = box.export();
        QcReport report = QcEngine.run(box.labels(), box.index(), export.info().voxelSize(), export.workMag(), p, threads, progress);
        if (export.annotation() != null && export.annotation().incomplete()) report = QcEngine.onlyStored(report, export.annotation().isStored());
        return report;
    }

    /**
     * Whether a box looks like an instance annotation — mostly unlabelled, few segments, mostly
     * large — so a dense check (coverage, membranes) would misjudge it: less than 30 % labelled,
     * at most 200 segments, the median segment at least 1 000 voxels.
     */
    public static boolean looksLikeInstances(LoadedBox box) {
        var idx = box.index();
        if (idx.segmentCount() == 0 || idx.segmentCount() > 200) return false;
        double labelled = (double) idx.labelledVoxels() / Math.max(1, box.labels().voxelCount());
        long[] sizes = idx.segments().stream().mapToLong(org.proofbox.model.SegmentStats::voxels).sorted().toArray();
        return labelled < 0.3 && sizes[sizes.length / 2] >= 1000 / Math.max(1, (int) box.export().workMag().volume()) + 1;
    }

    public static ObjectNode json(LoadedBox box, QcReport r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", box.export().info().name());
        o.put("path", box.export().info().root().toString());
        Export ex = box.export();
        if (!ex.workMag().equals(new org.proofbox.model.Vec3(1, 1, 1))) o.set("workMag", JsonIds.vec(ex.workMag())); // positions below are mag-1 voxels
        if (box.export().annotation() != null) o.set("annotation", box.export().annotation().json());
        QcParameters p = r.parameters();
        ObjectNode pn = SessionFile.parameters(p);
        o.set("parameters", pn);
        pn.set("maxMembraneVoxels", Json.MAPPER.createArrayNode().add(r.membraneRadius()[0]).add(r.membraneRadius()[1]).add(r.membraneRadius()[2]));
        pn.put("backgroundConnectivity", 6);
        ObjectNode ms = o.putObject("membraneStyle");
        ms.put("style", p.instance() ? "not judged (instance annotation)" : r.gapStyle() ? "gap" : "touch");
        if (p.instance()) {
            o.put("instance", true);
            o.put("note", "instance annotation: coverage and membrane style are not checked; small fragments are pieces under "
                + p.minFragmentUm3() + " µm³ (" + p.minFragmentVoxels(box.export().info().voxelSize()) + " voxels at the work mag)");
        }
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
            sn.set("bboxMin", JsonIds.vec(ex.toMag1(s.stats().bboxMin())));
            sn.set("bboxMax", JsonIds.vec(ex.toMag1Max(s.stats().bboxMax())));
            sn.put("components", s.components());
            sn.put("holes", s.holes());
            if (p.instance()) num(sn, "convexity", s.convexity()); // null: not judged (in pieces, a fragment, or flat)
        }
        ArrayNode fs = o.putArray("findings");
        for (Finding f : r.findings()) fs.add(finding(f, ex));
        ObjectNode sum = o.putObject("summary");
        for (Map.Entry<Check, Integer> e : r.countsByCheck().entrySet()) sum.put(e.getKey().key, e.getValue());
        sum.put("errors", r.count(Severity.ERROR));
        sum.put("warnings", r.count(Severity.WARNING));
        return o;
    }

    /** The box's figures a project compares (issue 16); NaN (not measurable) is written as null. */
    public static ObjectNode metrics(org.proofbox.algo.BoxMetrics m) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("membraneStyle", m.membraneStyle());
        num(n, "touchShare", m.touchShare());
        num(n, "medianGapNm", m.medianGapNm());
        num(n, "labelledFraction", m.labelledFraction());
        num(n, "extracellularShare", m.extracellularShare());
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
    public static ObjectNode review(LoadedBox box) {
        Path file = SessionFile.locate(box.export());
        if (!java.nio.file.Files.isRegularFile(file)) return null;
        try {
            var saved = SessionFile.read(file);
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

    public static ObjectNode finding(Finding f) {
        return finding(f, null);
    }

    /** A finding as JSON, its position in mag-1 voxels of {@code export} (null: as it is). */
    public static ObjectNode finding(Finding f, Export export) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("check", f.check().key);
        if (f.segment() == null) n.putNull("segment"); else n.set("segment", JsonIds.id(f.segment()));
        if (f.otherSegment() == null) n.putNull("otherSegment"); else n.set("otherSegment", JsonIds.id(f.otherSegment()));
        n.set("at", JsonIds.vec(export == null ? f.at() : export.toMag1(f.at())));
        n.put("voxels", f.voxels());
        if (f.section() == null) n.putNull("section");
        else n.put("section", export == null ? f.section() : f.section() * export.workMag().get(f.axis() - 'x')); // mag-1, as "at"
        if (f.axis() == null) n.putNull("axis"); else n.put("axis", String.valueOf(f.axis()));
        n.put("severity", f.severity().key());
        n.put("detail", f.detail());
        return n;
    }

}
