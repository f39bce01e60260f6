package org.proofbox.edit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.proofbox.io.FileOps;
import org.proofbox.io.FileWrites;
import org.proofbox.io.Transaction;
import org.proofbox.io.ChunkData;
import org.proofbox.io.ChunkedArray;
import org.proofbox.io.ExportException;
import org.proofbox.io.Json;
import org.proofbox.io.JsonIds;
import org.proofbox.io.LayerArray;
import org.proofbox.io.LayerInfo;
import org.proofbox.io.MagInfo;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.Vec3;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/**
 * Saves edited labels back into the export, in its own format, as one {@link Transaction}: only
 * the mag-1 chunks holding a voxel changed since the last save are rewritten (and only when their
 * content differs); voxels of a chunk outside the box keep their stored values. Coarser mags of the segmentation are brought up to date where their voxels cover a
 * changed voxel (mode of the footprint, ties to the smaller id, as webknossos-libs downsamples
 * segmentation), {@code largestSegmentId} in {@code datasource-properties.json} is raised to
 * the largest id present, and the save marker {@value #MARKER} names the new state (the edit
 * journal records which state it follows). All of it lands together or not at all.
 */
public final class ExportSaver {
    /** What a save wrote. */
    public record Result(int chunksWritten, int chunksUnchanged, int coarseChunksWritten, long largestSegmentId, boolean propertiesUpdated, String state) {}

    /** The save marker: the id of the last save's transaction, so a journal knows whether its edits were saved. */
    public static final String MARKER = ".proofbox-saved";

    private ExportSaver() {}

    /** The id of the state the export was last saved in by Proofbox, or "" when it never was. */
    public static String savedState(Path root) {
        try {
            Path f = root.resolve(MARKER);
            if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.size(f) > 256) return "";
            return Files.readString(f, java.nio.charset.StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Why the export cannot be written, or null when it can. */
    public static String readOnlyReason(LoadedBox box) {
        var ann = box.export().annotation();
        if (ann != null) { // saved as a new zip (AnnotationSaver), never in place
            if (ann.incomplete()) return "an annotation over a fallback layer (\"" + ann.volume().fallbackLayer() + "\") cannot be written back yet";
            return ann.writer() == null ? "the annotation's volume stores no data to write back" : null;
        }
        if (box.export().cutout() != null) return null; // saved as a new file beside it (CutoutSaver)
        Path root = box.export().info().root();
        if (org.proofbox.io.SampleLocator.isBundled(root))
            return "the bundled sample is kept as shipped; to edit it, copy its folder (" + root.toAbsolutePath().normalize() + ") and open the copy";
        Path props = box.export().info().propertiesFile();
        if (!Files.isWritable(props)) return props + " is not writable";
        if (!Files.isWritable(root)) return "the export folder " + root + " is not writable";
        try {
            Path real = root.toRealPath();
            LayerInfo seg = box.export().segmentationLayer();
            for (MagInfo m : seg.mags()) {
                if (!Files.isWritable(m.path())) return m.path() + " is not writable";
                if (!m.path().toRealPath().startsWith(real)) return "mag " + m.longName() + " (" + m.path() + ") lies outside the export folder; Proofbox writes only inside it";
            }
        } catch (IOException e) {
            return "cannot resolve the segmentation's folders: " + e.getMessage();
        } catch (ExportException e) {
            return e.getMessage();
        }
        if (box.labelsArray().array().channels() != 1) return "the segmentation has " + box.labelsArray().array().channels() + " channels; Proofbox writes single-channel layers only";
        return null;
    }

    public static Result save(LoadedBox box, LabelEditor ed, Progress progress) throws ExportException {
        return save(box, ed, FileOps.REAL, state -> { }, progress);
    }

    /**
     * The save, with its file operations through {@code ops} (tests put faults there);
     * {@code beforeCommit} is told the new state's id just before the commit point (the journal
     * records it there).
     */
    public static Result save(LoadedBox box, LabelEditor ed, FileOps ops, java.util.function.Consumer<String> beforeCommit, Progress progress)
            throws ExportException {
        String ro = readOnlyReason(box);
        if (ro != null) throw new ExportException(box.export().info().root(), "cannot save: " + ro);
        if (box.export().cutout() != null) throw new ExportException(box.export().info().root(), "a TIFF cutout is saved as a new file (CutoutSaver), never in place");
        if (box.export().annotation() != null) throw new ExportException(box.export().info().root(), "an annotation is saved as a new zip (AnnotationSaver), never in place");
        Changes c = changes(box, ed);
        LongOpenHashSet chunks = c.chunks();
        List<long[]> changedList = c.voxels();
        Path root = box.export().info().root();
        try (Transaction tx = Transaction.begin(root, ops)) {
            return saveIn(tx, box, ed, chunks, changedList, beforeCommit, progress);
        }
    }

    private static Result saveIn(Transaction tx, LoadedBox box, LabelEditor ed, LongOpenHashSet chunks, List<long[]> changedList,
                                 java.util.function.Consumer<String> beforeCommit, Progress progress) throws ExportException {
        int written, same;
        Path root = tx.root();
        int coarse;
        long largest;
        boolean props;
        try {
            int[] n = writeChanges(box, chunks, changedList, tx, progress);
            written = n[0];
            same = n[1];
            coarse = n[2];
            LayerInfo seg = box.export().segmentationLayer();
            progress.report(0.9, "updating datasource-properties.json");
            largest = SegmentIds.max(box.index().largestId(), seg.largestSegmentId().orElse(0L));
            props = updateLargestId(box, seg, largest, tx);
            try {
                tx.write(root.resolve(MARKER), (tx.id() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new ExportException(root.resolve(MARKER), "cannot write: " + e.getMessage(), e);
            }
        } catch (ExportException e) {
            throw new ExportException(e.file(), "the save failed before anything was changed: " + e.problem(), e);
        }
        progress.checkCancelled();
        progress.report(0.95, "putting " + tx.size() + " files in place");
        beforeCommit.accept(tx.id());
        tx.commit();
        ed.markSaved();
        progress.report(1, "saved");
        return new Result(written, same, coarse, largest, props, tx.id());
    }

    /** The chunks of mag 1 holding changed voxels (keys of {@link #key}) and the changed voxels' global positions. */
    public record Changes(LongOpenHashSet chunks, List<long[]> voxels) {}

    public static Changes changes(LoadedBox box, LabelEditor ed) {
        LabelVolume vol = box.labels();
        LayerArray la = box.labelsArray();
        Vec3 tl = vol.box().topLeft(), origin = la.origin(), cs = la.array().chunkShape();
        int sx = vol.sizeX();
        long plane = (long) sx * vol.sizeY();
        LongOpenHashSet chunks = new LongOpenHashSet();
        List<long[]> changedList = new ArrayList<>(); // {gx, gy, gz} of changed voxels, for the coarse mags
        ed.changedVoxels().forEachSet(v -> {
            int z = (int) (v / plane), rem = (int) (v % plane), y = rem / sx, x = rem % sx;
            int gx = tl.x() + x, gy = tl.y() + y, gz = tl.z() + z;
            chunks.add(key((gx - origin.x()) / cs.x(), (gy - origin.y()) / cs.y(), (gz - origin.z()) / cs.z()));
            changedList.add(new long[] {gx, gy, gz});
        });
        return new Changes(chunks, changedList);
    }

    /**
     * Writes the changed chunks of mag 1 (read, merged with the labels, written only where they
     * differ) and the coarse voxels over the changed ones through {@code w}; returns {written,
     * unchanged, coarse chunks written}.
     */
    public static int[] writeChanges(LoadedBox box, LongOpenHashSet chunks, List<long[]> changedList, FileWrites w, Progress progress) throws ExportException {
        LabelVolume vol = box.labels();
        LayerArray la = box.labelsArray();
        ChunkedArray arr = la.array();
        Vec3 tl = vol.box().topLeft(), origin = la.origin(), cs = arr.chunkShape();
        long[] ids = vol.table().idsBySlot();
        int written = 0, same = 0, done = 0, coarse = 0;
        for (long k : chunks) {
            progress.checkCancelled();
            progress.report(0.8 * done++ / Math.max(1, chunks.size()), "saving chunks");
            int cx = (int) (k & 0x1FFFFF), cy = (int) ((k >>> 21) & 0x1FFFFF), cz = (int) (k >>> 42);
            ChunkData old = arr.readChunk(cx, cy, cz);
            long[] values = new long[(int) cs.volume()];
            boolean differs = false;
            for (int kz = 0; kz < cs.z(); kz++) for (int ky = 0; ky < cs.y(); ky++) for (int kx = 0; kx < cs.x(); kx++) {
                int i = kx + cs.x() * (ky + cs.y() * kz);
                int gx = origin.x() + cx * cs.x() + kx, gy = origin.y() + cy * cs.y() + ky, gz = origin.z() + cz * cs.z() + kz;
                long was = old.bits(i, true);
                long now = vol.box().contains(gx, gy, gz) ? ids[vol.slotAt(gx - tl.x(), gy - tl.y(), gz - tl.z())] : was;
                values[i] = now;
                differs |= now != was;
            }
            if (!differs) {
                same++;
                continue;
            }
            arr.writeChunk(cx, cy, cz, ChunkData.ofLongs(cs, values), w);
            written++;
        }
        LayerInfo seg = box.export().segmentationLayer();
        for (MagInfo m : seg.mags()) {
            if (m.isFinest() || changedList.isEmpty()) continue;
            progress.checkCancelled();
            coarse += downsample(box, box.export().open(seg, m), changedList, ids, w);
        }
        return new int[] {written, same, coarse};
    }

    private static long key(int cx, int cy, int cz) {
        return cx | ((long) cy << 21) | ((long) cz << 42);
    }

    /** Recomputes the coarse voxels covering a changed voxel; returns the chunks written. */
    private static int downsample(LoadedBox box, LayerArray coarse, List<long[]> changed, long[] ids, FileWrites tx) throws ExportException {
        LabelVolume vol = box.labels();
        Vec3 tl = vol.box().topLeft();
        Vec3 m = coarse.mag().mag(), origin = coarse.origin(), cs = coarse.array().chunkShape();
        Vec3 shape = coarse.array().shape();
        LongOpenHashSet voxels = new LongOpenHashSet();
        for (long[] g : changed) voxels.add(key((int) (g[0] / m.x()), (int) (g[1] / m.y()), (int) (g[2] / m.z())));
        java.util.Map<Long, List<long[]>> byChunk = new java.util.HashMap<>();
        for (long c : voxels) {
            int x = (int) (c & 0x1FFFFF), y = (int) ((c >>> 21) & 0x1FFFFF), z = (int) (c >>> 42);
            int ax = x - origin.x(), ay = y - origin.y(), az = z - origin.z();
            if (ax < 0 || ay < 0 || az < 0 || ax >= shape.x() || ay >= shape.y() || az >= shape.z()) continue;
            byChunk.computeIfAbsent(key(ax / cs.x(), ay / cs.y(), az / cs.z()), k -> new ArrayList<>()).add(new long[] {x, y, z});
        }
        int written = 0;
        long[] cand = new long[(int) m.volume()];
        int[] cnt = new int[(int) m.volume()];
        for (var e : byChunk.entrySet()) {
            long k = e.getKey();
            int cx = (int) (k & 0x1FFFFF), cy = (int) ((k >>> 21) & 0x1FFFFF), cz = (int) (k >>> 42);
            ChunkData old = coarse.array().readChunk(cx, cy, cz);
            long[] values = new long[(int) cs.volume()];
            for (int i = 0; i < values.length; i++) values[i] = old.bits(i, true);
            boolean differs = false;
            for (long[] c : e.getValue()) {
                int n = 0;
                for (int dz = 0; dz < m.z(); dz++) for (int dy = 0; dy < m.y(); dy++) for (int dx = 0; dx < m.x(); dx++) {
                    int gx = (int) c[0] * m.x() + dx, gy = (int) c[1] * m.y() + dy, gz = (int) c[2] * m.z() + dz;
                    if (!vol.box().contains(gx, gy, gz)) continue;
                    long id = ids[vol.slotAt(gx - tl.x(), gy - tl.y(), gz - tl.z())];
                    int j = 0;
                    while (j < n && cand[j] != id) j++;
                    if (j == n) { cand[n] = id; cnt[n] = 0; n++; }
                    cnt[j]++;
                }
                if (n == 0) continue;
                int best = 0;
                for (int j = 1; j < n; j++) {
                    if (cnt[j] > cnt[best] || (cnt[j] == cnt[best] && SegmentIds.compare(cand[j], cand[best]) < 0)) best = j;
                }
                int i = (int) ((c[0] - origin.x()) - (long) cx * cs.x() + cs.x() * ((c[1] - origin.y()) - (long) cy * cs.y() + (long) cs.y() * ((c[2] - origin.z()) - (long) cz * cs.z())));
                if (values[i] != cand[best]) {
                    values[i] = cand[best];
                    differs = true;
                }
            }
            if (differs) {
                coarse.array().writeChunk(cx, cy, cz, ChunkData.ofLongs(cs, values), tx);
                written++;
            }
        }
        return written;
    }

    /** Raises the layer's largestSegmentId in datasource-properties.json (the rest of the file untouched). */
    private static boolean updateLargestId(LoadedBox box, LayerInfo seg, long largest, FileWrites tx) throws ExportException {
        Path file = box.export().info().propertiesFile();
        long declared = seg.largestSegmentId().orElse(0L);
        if (seg.largestSegmentId().isPresent() && SegmentIds.compare(declared, largest) >= 0) return false;
        JsonNode root = Json.read(file);
        boolean found = false;
        for (JsonNode l : root.path("dataLayers")) {
            if (seg.name().equals(l.path("name").asText()) && l instanceof ObjectNode o) {
                o.set("largestSegmentId", JsonIds.id(largest));
                found = true;
            }
        }
        if (!found) throw new ExportException(file, "segmentation layer \"" + seg.name() + "\" not found when updating largestSegmentId");
        try {
            tx.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new ExportException(file, "cannot write: " + e.getMessage(), e);
        }
        return true;
    }
}
