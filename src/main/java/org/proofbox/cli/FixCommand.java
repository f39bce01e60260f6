package org.proofbox.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.proofbox.algo.ComponentScan;
import org.proofbox.edit.Edit;
import org.proofbox.edit.ExportSaver;
import org.proofbox.edit.LabelEditor;
import org.proofbox.edit.Operations;
import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.io.ExportLock;
import org.proofbox.io.FileOps;
import org.proofbox.io.Json;
import org.proofbox.io.JsonIds;
import org.proofbox.model.Connectivity;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/**
 * {@code proofbox fix PATH [--remove-fragments N [--merge-fragments]] [--split-disconnected]
 * [--fill-holes] [--fill-holes-2d] [--connectivity 26] [--dry-run]}: the batch fixes, through the
 * same edit model and save path as the app. Fragments go first (so what is split afterwards is
 * real pieces), then splits, then holes. Prints a JSON summary; {@code --dry-run} writes nothing.
 */
final class FixCommand {
    static final String USAGE = "fix PATH|ANNOTATION.zip [--split-disconnected] [--remove-fragments N [--merge-fragments]] [--fill-holes] [--fill-holes-2d]"
        + " [--connectivity 6|18|26] [--dry-run] [--volume NAME] [--box ID] [--out NEW.zip|NEW.tif] " + Inputs.SOURCE_USAGE;

    private FixCommand() {}

    static int run(List<String> args, PrintStream out) throws ExportException, CliException {
        String path = null, outZip = null, volume = null;
        Integer boxId = null;
        boolean split = false, holes = false, holes2d = false, dry = false, mergeFragments = false;
        int fragments = 0;
        Connectivity conn = Connectivity.TWENTY_SIX;
        Inputs.SourceArgs cut = new Inputs.SourceArgs();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int j = Inputs.sourceOption(args, i, "fix", cut);
            if (j >= 0) {
                i = j;
                continue;
            }
            try {
                switch (a) {
                    case "--split-disconnected" -> split = true;
                    case "--remove-fragments" -> {
                        if (i + 1 >= args.size()) throw new CliException("fix: --remove-fragments needs a voxel count");
                        fragments = Integer.parseInt(args.get(++i));
                        if (fragments < 1) throw new CliException("fix: --remove-fragments needs a positive voxel count");
                    }
                    case "--merge-fragments" -> mergeFragments = true;
                    case "--fill-holes" -> holes = true;
                    case "--fill-holes-2d" -> { holes = true; holes2d = true; }
                    case "--connectivity" -> {
                        if (i + 1 >= args.size()) throw new CliException("fix: --connectivity needs 6, 18 or 26");
                        conn = Connectivity.of(Integer.parseInt(args.get(++i)));
                    }
                    case "--dry-run" -> dry = true;
                    case "--out" -> {
                        if (i + 1 >= args.size()) throw new CliException("fix: --out needs a file name (the new annotation zip)");
                        outZip = args.get(++i);
                    }
                    case "--volume" -> {
                        if (i + 1 >= args.size()) throw new CliException("fix: --volume needs a name");
                        volume = args.get(++i);
                    }
                    case "--box" -> boxId = Inputs.intValue(args, ++i, "fix", a);
                    default -> {
                        if (a.startsWith("-")) throw new CliException("fix: unknown option " + a + " (usage: " + USAGE + ")");
                        if (path != null) throw new CliException("fix: more than one PATH given");
                        path = a;
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new CliException("fix: bad value for " + a + ": " + e.getMessage());
            }
        }
        if (path == null) throw new CliException("fix: which export? (usage: " + USAGE + ")");
        Path p = Path.of(path);
        boolean cutout = org.proofbox.io.Cutout.handles(p);
        boolean zip = !cutout && java.nio.file.Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
        if (!split && fragments == 0 && !holes && !(zip && outZip != null)) { // an annotation's review alone may go back (its verdicts)
            throw new CliException("fix: nothing to do; give --split-disconnected, --remove-fragments N or --fill-holes");
        }
        if (cutout) {
            if (outZip == null && !dry) throw new CliException("fix: a TIFF cutout is never changed in place; give --out NEW.tif (or a new stack folder / zip)");
            if (volume != null || boxId != null) throw new CliException("fix: --volume and --box are for annotation zips");
            try {
                return fixAnnotation(Inputs.open(path, null, null, cut), Path.of(outZip == null ? "-" : outZip), split, fragments, mergeFragments, holes, holes2d, conn, dry, out);
            } catch (org.proofbox.edit.NoFreeIdException e) {
                throw new ExportException(p, "cannot fix: " + e.getMessage() + "; nothing was written");
            }
        }
        if (cut.given()) throw new CliException("fix: --raw, --offset and --voxel-size are for TIFF cutouts");
        if (cut.dataset != null && !zip) throw new CliException("fix: --dataset is for annotation zips");
        if (zip) {
            if (outZip == null && !dry) throw new CliException("fix: an annotation is never changed in place; give --out NEW.zip (WEBKNOSSOS imports it)");
            try {
                return fixAnnotation(Inputs.open(path, volume, boxId, cut), Path.of(outZip == null ? "-" : outZip), split, fragments, mergeFragments, holes, holes2d, conn, dry, out);
            } catch (org.proofbox.edit.NoFreeIdException e) {
                throw new ExportException(p, "cannot fix: " + e.getMessage() + "; nothing was written");
            }
        }
        if (outZip != null || volume != null || boxId != null) throw new CliException("fix: --out, --volume and --box are for annotation zips; an export folder is fixed in place");
        ExportLock lock = null;
        if (java.nio.file.Files.isDirectory(p)) Export.open(p); // bad metadata is refused before the lock file is made
        if (!dry && org.proofbox.io.SampleLocator.isBundled(p)) // refused before a lock file is made in it
            throw new ExportException(p, "cannot fix in place: the bundled sample is kept as shipped; copy its folder and fix the copy");
        if (!dry && java.nio.file.Files.isDirectory(p)) { // the writer lock before reading: no other save can land in between
            lock = ExportLock.tryWriter(p, "proofbox fix");
            if (lock == null) throw new ExportException(p.resolve(ExportLock.NAME), "the export is open for writing by " + ExportLock.holder(p) + "; try again when it is closed");
        }
        try {
            return fix(p, split, fragments, mergeFragments, holes, holes2d, conn, dry, out);
        } catch (org.proofbox.edit.NoFreeIdException e) {
            throw new ExportException(p, "cannot fix: " + e.getMessage() + "; nothing was written");
        } finally {
            if (lock != null) lock.close();
        }
    }

    /** An annotation zip or a TIFF cutout: the same fixes, saved as a new file (AnnotationSaver, CutoutSaver). */
    private static int fixAnnotation(Export export, Path outZip, boolean split, int fragments, boolean mergeFragments, boolean holes, boolean holes2d,
                                     Connectivity conn, boolean dry, PrintStream out) throws ExportException {
        int threads = Runtime.getRuntime().availableProcessors();
        LoadedBox box = LoadedBox.load(export, threads, Progress.NONE, org.proofbox.store.MemoryPlan.Use.CHECK);
        java.util.Set<Long> before = new java.util.HashSet<>();
        for (var s : box.index().segments()) before.add(s.id());
        java.util.Map<Long, Long> origins = new java.util.HashMap<>();
        LabelEditor ed = new LabelEditor(box.labels(), box.index(), export.segmentationLayer().largestSegmentId().orElse(0L));
        ObjectNode o = operations(box, ed, split, fragments, mergeFragments, holes, holes2d, conn, dry, threads, origins);
        java.util.Map<Long, org.proofbox.model.Decision> decisions = java.util.Map.of();
        Path session = org.proofbox.review.SessionFile.locate(export);
        if (java.nio.file.Files.exists(session)) { // the review done in the app travels with the fix
            var saved = org.proofbox.review.SessionFile.read(session);
            decisions = org.proofbox.review.Walkthrough.decisions(saved.verdicts(), saved.comments());
        }
        if (export.cutout() != null) {
            if (dry || o.get("changedVoxels").asLong() == 0) {
                o.putNull("save");
            } else {
                org.proofbox.edit.CutoutSaver.Result r = org.proofbox.edit.CutoutSaver.saveAs(box, ed, outZip, false, Progress.NONE);
                o.putObject("save").put("file", r.file().toString()).put("sections", r.sections()).put("kind", export.cutout().kind());
            }
        } else if (dry || (o.get("changedVoxels").asLong() == 0 && decisions.isEmpty())) { // verdicts alone are worth a new zip
            o.putNull("save");
        } else {
            org.proofbox.edit.AnnotationSaver.Result r = org.proofbox.edit.AnnotationSaver.saveAs(box, ed, before, origins, decisions, outZip, false,
                Progress.NONE);
            ObjectNode n = o.putObject("save");
            n.put("file", r.file().toString());
            n.put("chunksWritten", r.chunksWritten());
            n.put("chunksUnchanged", r.chunksUnchanged());
            n.put("coarseChunksWritten", r.coarseChunksWritten());
            n.set("largestSegmentId", JsonIds.id(r.largestSegmentId()));
            ArrayNode a = n.putArray("nmlSegmentsAdded");
            r.added().forEach(id -> a.add(JsonIds.id(id)));
            ArrayNode d = n.putArray("nmlSegmentsRemoved");
            r.removed().forEach(id -> d.add(JsonIds.id(id)));
            n.put("nmlVerdicts", r.verdicts());
        }
        out.println(o.toPrettyString());
        return 0;
    }

    private static int fix(Path path, boolean split, int fragments, boolean mergeFragments, boolean holes, boolean holes2d, Connectivity conn,
                           boolean dry, PrintStream out) throws ExportException {
        int threads = Runtime.getRuntime().availableProcessors();
        Export export = Export.open(path);
        if (export.recovered() != null) System.err.println("proofbox: " + export.info().root() + ": " + export.recovered());
        LoadedBox box = LoadedBox.load(export, threads, Progress.NONE, org.proofbox.store.MemoryPlan.Use.CHECK);
        if (!dry) {
            String ro = ExportSaver.readOnlyReason(box);
            if (ro != null) throw new ExportException(box.export().info().root(), "cannot fix in place: " + ro);
        }
        LabelEditor ed = new LabelEditor(box.labels(), box.index(), box.export().segmentationLayer().largestSegmentId().orElse(0L));
        ObjectNode o = operations(box, ed, split, fragments, mergeFragments, holes, holes2d, conn, dry, threads, new java.util.HashMap<>());
        if (dry || o.get("changedVoxels").asLong() == 0) {
            o.putNull("save");
        } else {
            ExportSaver.Result s = ExportSaver.save(box, ed, FileOps.forProcess(), state -> { }, Progress.NONE);
            ObjectNode n = o.putObject("save");
            n.put("chunksWritten", s.chunksWritten());
            n.put("chunksUnchanged", s.chunksUnchanged());
            n.put("coarseChunksWritten", s.coarseChunksWritten());
            n.set("largestSegmentId", JsonIds.id(s.largestSegmentId()));
            n.put("propertiesUpdated", s.propertiesUpdated());
        }
        out.println(o.toPrettyString());
        return 0;
    }

    /** Applies the fixes in their order (fragments, splits, holes); {@code origins} learns new id → split segment. */
    private static ObjectNode operations(LoadedBox box, LabelEditor ed, boolean split, int fragments, boolean mergeFragments, boolean holes,
                                         boolean holes2d, Connectivity conn, boolean dry, int threads, java.util.Map<Long, Long> origins) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("path", box.export().info().root().toString());
        o.put("dryRun", dry);
        o.put("connectivity", conn.neighbours);
        o.put("segmentsBefore", box.index().segmentCount());
        o.put("labelledVoxelsBefore", box.index().labelledVoxels());
        ArrayNode ops = o.putArray("operations");
        long changed = 0;
        if (fragments > 0) {
            Edit e = Operations.removeIslands(ed, fragments, conn, mergeFragments, Progress.NONE);
            ed.apply(e);
            ObjectNode n = ops.addObject();
            n.put("op", "remove_fragments");
            n.put("minVoxels", fragments);
            n.put("mergedIntoNeighbours", mergeFragments);
            n.put("voxels", e.diff().size());
            n.put("description", e.description());
            changed += e.diff().size();
        }
        if (split) {
            ComponentScan.Result r = ComponentScan.run(box.labels(), conn, threads, Progress.NONE);
            // in id order, not slot order: slots are numbered as the loader's threads meet the ids, and
            // the new ids must not depend on that (a re-run gives the same export, byte for byte)
            List<Integer> toSplit = new java.util.ArrayList<>();
            for (int s = 1; s < r.componentCount().length; s++) if (r.componentCount()[s] >= 2) toSplit.add(s);
            long[] bySlot = box.labels().table().idsBySlot();
            toSplit.sort((a, b) -> org.proofbox.model.SegmentIds.compare(bySlot[a], bySlot[b]));
            for (int s : toSplit) {
                long id = bySlot[s];
                Edit e = Operations.splitDisconnected(ed, s, conn);
                ed.apply(e);
                ObjectNode n = ops.addObject();
                n.put("op", "split_disconnected");
                n.set("segment", JsonIds.id(id));
                ArrayNode ids = n.putArray("newIds");
                ArrayNode sizes = n.putArray("newIdVoxels");
                for (long nid : e.newIds()) {
                    origins.put(nid, id);
                    ids.add(JsonIds.id(nid));
                    sizes.add(box.index().voxels(box.labels().table().findSlot(nid)));
                }
                n.put("keptVoxels", box.index().voxels(s));
                n.put("voxels", e.diff().size());
                n.put("description", e.description());
                changed += e.diff().size();
            }
        }
        if (holes) {
            Edit e = Operations.fillHoles(ed, -1, holes2d, conn, Progress.NONE);
            ed.apply(e);
            ObjectNode n = ops.addObject();
            n.put("op", holes2d ? "fill_holes_3d_and_2d" : "fill_holes");
            n.put("voxels", e.diff().size());
            n.put("description", e.description());
            changed += e.diff().size();
        }
        o.put("changedVoxels", changed);
        o.put("segmentsAfter", box.index().segmentCount());
        o.put("labelledVoxelsAfter", box.index().labelledVoxels());
        return o;
    }
}
