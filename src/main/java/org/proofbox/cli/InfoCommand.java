package org.proofbox.cli;

import org.proofbox.io.JsonIds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.proofbox.io.ChunkedArray;
import org.proofbox.io.DatasetInfo;
import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.io.Json;
import org.proofbox.io.LayerArray;
import org.proofbox.io.LayerInfo;
import org.proofbox.io.MagInfo;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.SegmentStats;
import org.proofbox.store.LoadedBox;
import org.proofbox.store.SegmentIndex;
import org.proofbox.task.Progress;

/** {@code proofbox info [PATH] [--json]}: what the export declares and what its labels hold. */
final class InfoCommand {
    private InfoCommand() {}

    static int run(List<String> args, PrintStream out) throws ExportException, CliException {
        boolean json = false;
        String path = null, volume = null;
        Integer boxId = null;
        Inputs.SourceArgs cut = new Inputs.SourceArgs();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int j = Inputs.sourceOption(args, i, "info", cut);
            if (j >= 0) i = j;
            else if (a.equals("--json")) json = true;
            else if (a.equals("--volume")) volume = Inputs.value(args, ++i, "info", a);
            else if (a.equals("--box")) boxId = Inputs.intValue(args, ++i, "info", a);
            else if (a.startsWith("-")) throw new CliException("info: unknown option " + a + " (usage: info [PATH] [--json] [--volume NAME] [--box ID] " + Inputs.SOURCE_USAGE + ")");
            else if (path == null) path = a;
            else throw new CliException("info: more than one PATH given");
        }
        Export export = Inputs.open(path, volume, boxId, cut);
        boolean nothingStored = export.annotation() != null && export.annotation().storedBuckets() == 0;
        if (export.info().segmentationLayer().isEmpty() || nothingStored) {
            ObjectNode report = report(export, null);
            if (json) out.println(report.toString());
            else out.println(report.toPrettyString());
            return 0;
        }
        LoadedBox box = LoadedBox.load(export, Runtime.getRuntime().availableProcessors(), Progress.NONE);
        ObjectNode report = report(export, box);
        if (json) {
            out.println(report.toString());
        } else {
            printSummary(box, report, out);
        }
        return 0;
    }

    static ObjectNode report(LoadedBox box) throws ExportException {
        return report(box.export(), box);
    }

    /** The info object; {@code box} is null when there are no labels to load (no segmentation layer, or an annotation that stores nothing). */
    static ObjectNode report(Export export, LoadedBox box) throws ExportException {
        DatasetInfo info = export.info();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", info.name());
        org.proofbox.model.Vec3 wm = export.workMag(); // all positions and sizes below in mag-1 voxels, as WEBKNOSSOS counts them
        ArrayNode vs = o.putArray("voxelSize");
        vs.add(info.voxelSize().x() / wm.x()).add(info.voxelSize().y() / wm.y()).add(info.voxelSize().z() / wm.z());
        o.put("voxelSizeUnit", info.voxelSize().unit());
        o.set("workMag", JsonIds.vec(wm));
        ObjectNode b = o.putObject("box");
        org.proofbox.model.Box3 region = box != null ? box.labels().box()
            : export.annotation() != null ? null : info.layers().get(0).box();
        if (region == null) {
            region = export.annotation().region();
            b.set("topLeft", JsonIds.vec(region.topLeft()));
            b.set("size", JsonIds.vec(region.size()));
        } else {
            b.set("topLeft", JsonIds.vec(export.toMag1(region.topLeft())));
            b.set("size", JsonIds.vec(export.toMag1(region.size())));
        }
        if (export.annotation() != null) o.set("annotation", Inputs.annotationJson(export.annotation()));
        if (export.cutout() != null) o.set("cutout", export.cutout().json());
        ArrayNode layers = o.putArray("layers");
        for (LayerInfo l : info.layers()) {
            ObjectNode ln = layers.addObject();
            ln.put("name", l.name());
            ln.put("category", l.category());
            ln.put("dataFormat", l.dataFormat());
            ln.put("dtype", l.elementClass());
            ln.put("numChannels", l.numChannels());
            ObjectNode lb = ln.putObject("boundingBox");
            lb.set("topLeft", JsonIds.vec(export.toMag1(l.box().topLeft())));
            lb.set("size", JsonIds.vec(export.toMag1(l.box().size())));
            ArrayNode mags = ln.putArray("mags");
            for (MagInfo m : l.mags()) {
                LayerArray la = export.open(l, m);
                ChunkedArray a = la.array();
                ObjectNode mn = mags.addObject();
                mn.set("mag", JsonIds.vec(export.toMag1(m.mag())));
                mn.put("path", info.root().toAbsolutePath().normalize().relativize(m.path().toAbsolutePath().normalize()).toString());
                mn.set("shape", JsonIds.vec(a.shape()));
                mn.set("chunks", JsonIds.vec(a.chunkShape()));
                mn.put("coordinates", la.origin().equals(org.proofbox.model.Vec3.ZERO) && !la.region().topLeft().equals(org.proofbox.model.Vec3.ZERO) ? "absolute" : "box-local");
            }
            if (l.isSegmentation()) l.largestSegmentId().ifPresent(id -> ln.set("largestSegmentId", JsonIds.id(id)));
        }
        if (box == null) {
            var seg = info.segmentationLayer();
            o.put("segmentationLayer", seg.map(LayerInfo::name).orElse(null));
            if (seg.isEmpty()) {
                o.putNull("segmentCount");
                o.putNull("largestSegmentId");
            } else { // an annotation that stores no voxel
                o.put("segmentCount", 0);
                ObjectNode largest = o.putObject("largestSegmentId");
                largest.set("found", JsonIds.id(0));
                if (seg.get().largestSegmentId().isPresent()) largest.set("declared", JsonIds.id(seg.get().largestSegmentId().get()));
                else largest.putNull("declared");
            }
            o.put("voxels", region.voxels());
            o.putArray("segments");
            return o;
        }
        SegmentIndex index = box.index();
        o.put("segmentationLayer", box.labelsArray().layer().name());
        o.put("segmentCount", index.segmentCount());
        ObjectNode largest = o.putObject("largestSegmentId");
        largest.set("found", JsonIds.id(index.largestId()));
        java.util.Optional<Long> declared = box.labelsArray().layer().largestSegmentId();
        if (declared.isPresent()) largest.set("declared", JsonIds.id(declared.get()));
        else largest.putNull("declared");
        long total = box.labels().voxelCount();
        o.put("voxels", total);
        o.put("labelledFraction", total == 0 ? 0.0 : (double) index.labelledVoxels() / total);
        ArrayNode segs = o.putArray("segments");
        for (SegmentStats s : index.segments()) {
            ObjectNode sn = segs.addObject();
            sn.set("id", JsonIds.id(s.id()));
            sn.put("voxels", s.voxels());
            sn.set("bboxMin", JsonIds.vec(export.toMag1(s.bboxMin())));
            sn.set("bboxMax", JsonIds.vec(export.toMag1Max(s.bboxMax())));
        }
        return o;
    }

    private static void printSummary(LoadedBox box, ObjectNode r, PrintStream out) {
        DatasetInfo info = box.export().info();
        out.printf(Locale.ROOT, "%s  (%s)%n", info.name(), info.root());
        var vsz = r.get("voxelSize");
        out.printf(Locale.ROOT, "  voxel size  %s x %s x %s %s%n", num(vsz.get(0).asDouble()), num(vsz.get(1).asDouble()), num(vsz.get(2).asDouble()),
            info.voxelSize().unit());
        out.printf(Locale.ROOT, "  box         topLeft %s  size %s  (%,d voxels)%n", r.get("box").get("topLeft"), r.get("box").get("size"), box.labels().voxelCount());
        var wm = box.export().workMag();
        if (!wm.equals(new org.proofbox.model.Vec3(1, 1, 1))) {
            out.printf(Locale.ROOT, "  work mag    %d-%d-%d: labels are read, checked and saved at this mag (%,d voxels of it); positions are mag-1 voxels%n",
                wm.x(), wm.y(), wm.z(), box.labels().voxelCount());
        }
        var cut = box.export().cutout();
        if (cut != null) {
            var c = cut.json();
            out.printf(Locale.ROOT, "  cutout      %s; offset from %s; voxel size from %s%n", c.get("kind").asText(), c.get("offsetFrom").asText(),
                c.get("voxelSizeFrom").asText());
        }
        for (var l : r.get("layers")) {
            StringBuilder mags = new StringBuilder();
            for (var m : l.get("mags")) {
                if (mags.length() > 0) mags.append(", ");
                mags.append(m.get("path").asText()).append(' ').append(m.get("shape"));
            }
            out.printf(Locale.ROOT, "  layer       %-14s %-8s %s%n", l.get("name").asText(), l.get("dtype").asText(), mags);
        }
        SegmentIndex index = box.index();
        out.printf(Locale.ROOT, "  segments    %,d  (largest id %s found, %s declared)%n", index.segmentCount(),
            SegmentIds.toString(index.largestId()),
            box.labelsArray().layer().largestSegmentId().map(SegmentIds::toString).orElse("none"));
        out.printf(Locale.ROOT, "  labelled    %.2f %% of voxels%n", 100 * r.get("labelledFraction").asDouble());
        List<SegmentStats> segs = index.segments();
        segs.sort((a, b) -> Long.compare(b.voxels(), a.voxels()));
        out.println("  largest segments:");
        for (SegmentStats s : segs.subList(0, Math.min(10, segs.size()))) {
            out.printf(Locale.ROOT, "    id %-12s %,12d voxels  bbox %s .. %s%n", SegmentIds.toString(s.id()), s.voxels(), box.export().toMag1(s.bboxMin()), box.export().toMag1Max(s.bboxMax()));
        }
        if (segs.size() > 10) out.println("    ... (" + (segs.size() - 10) + " more; --json lists all)");
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
