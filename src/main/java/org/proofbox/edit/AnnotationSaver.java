package org.proofbox.edit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.proofbox.algo.SegmentVoxels;
import org.proofbox.io.Annotation;
import org.proofbox.io.ExportException;
import org.proofbox.io.FileWrites;
import org.proofbox.io.Nml;
import org.proofbox.model.Decision;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.Vec3;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/**
 * Saves an edited WEBKNOSSOS volume annotation as a new zip that WEBKNOSSOS imports (issue 14):
 * the same NML, byte for byte, except the volume's {@code largestSegmentId} (raised to cover every
 * id) and its {@code <segments>} (an entry for each new id, with a name derived from the segment
 * it came from and an anchor inside it; entries of ids the edits removed dropped); the volume zip
 * in the same format and layout, every untouched entry copied byte for byte, changed chunks
 * re-encoded with the array's own codecs, new chunks added, the coarse mags recomputed over the
 * changed voxels (mode, as for exports); each reviewed segment's verdict and comment in its
 * {@code <metadata>} ({@link NmlMetadata}). The original zip is never changed.
 */
public final class AnnotationSaver {
    private AnnotationSaver() {}

    public record Result(Path file, int chunksWritten, int chunksUnchanged, int coarseChunksWritten, long largestSegmentId, List<Long> added,
                         List<Long> removed, int verdicts) {}

    /**
     * @param idsBefore the ids the labels held when loaded (an NML entry is dropped only for an id the edits removed)
     * @param origins   new id → the id it was split from (for its name), where known
     */
    public static Result saveAs(LoadedBox box, LabelEditor ed, Set<Long> idsBefore, Map<Long, Long> origins, Path out, Progress progress)
            throws ExportException {
        return saveAs(box, ed, idsBefore, origins, Map.of(), out, false, progress);
    }

    /**
     * As above, with the reviewer's {@code decisions} (segment id → verdict and comment) written into
     * the segments' NML metadata; {@code replace}: an existing file at {@code out} (not the
     * annotation) is replaced atomically (the app's chooser asked).
     */
    public static Result saveAs(LoadedBox box, LabelEditor ed, Set<Long> idsBefore, Map<Long, Long> origins, Map<Long, Decision> decisions, Path out,
                                boolean replace, Progress progress) throws ExportException {
        Annotation ann = box.export().annotation();
        if (ann == null) throw new ExportException(box.export().info().root(), "not a volume annotation");
        if (ann.incomplete()) {
            throw new ExportException(ann.zip(), "writing back an annotation with a fallback layer (\"" + ann.volume().fallbackLayer()
                + "\") is not supported yet: its untouched buckets are not in the zip");
        }
        if (ann.writer() == null) throw new ExportException(ann.zip(), "the volume stores no data to write back");
        Path target = out.toAbsolutePath().normalize();
        try {
            if (Files.exists(target) && Files.isSameFile(target, ann.zip())) throw new ExportException(target, "is the annotation itself; it is never changed, choose a new file");
        } catch (IOException e) {
            throw new ExportException(target, "cannot check the target: " + e.getMessage(), e);
        }
        if (Files.exists(target) && !replace) throw new ExportException(target, "exists already; the fixed annotation goes to a new file");
        Map<String, byte[]> entries = ann.writer().collect();
        ExportSaver.Changes c = ExportSaver.changes(box, ed);
        FileWrites none = (t, b) -> {
            throw new IOException("unexpected write of " + t + " while writing an annotation");
        };
        int[] n = ExportSaver.writeChanges(box, c.chunks(), c.voxels(), none, progress);
        long declared = ann.volume().largestSegmentId() == null ? 0 : ann.volume().largestSegmentId();
        long largest = SegmentIds.max(box.index().largestId(), declared); // never below an id the labels held: it may be used elsewhere
        for (long id : idsBefore) largest = SegmentIds.max(largest, id);
        List<Long> added = new ArrayList<>(), removed = new ArrayList<>();
        String nml = nml(ann, box, idsBefore, origins, decisions, largest, added, removed);
        progress.report(0.95, "writing " + target.getFileName());
        ann.writer().write(target, nml, entries, replace);
        int written = (int) decisions.entrySet().stream().filter(e -> e.getValue().said() && box.labels().table().findSlot(e.getKey()) > 0
            && box.index().voxels(box.labels().table().findSlot(e.getKey())) > 0).count();
        return new Result(target, n[0], n[1], n[2], largest, added, removed, written);
    }

    /** The NML with the volume's largestSegmentId and segments updated; everything else as it was. */
    static String nml(Annotation ann, LoadedBox box, Set<Long> idsBefore, Map<Long, Long> origins, Map<Long, Decision> decisions, long largest,
                      List<Long> added, List<Long> removed) throws ExportException {
        String text = ann.writer().nmlText();
        Nml.Volume vol = ann.volume();
        Matcher open = Pattern.compile("<volume\\b[^>]*\\blocation=\"" + Pattern.quote(xml(vol.location())) + "\"[^>]*?(/?)>").matcher(text);
        if (!open.find()) throw new ExportException(ann.zip(), "the NML's volume element for " + vol.location() + " was not found again");
        String tag = open.group();
        boolean selfClosing = !open.group(1).isEmpty();
        String newTag = tag.contains("largestSegmentId=\"")
            ? tag.replaceFirst("largestSegmentId=\"[^\"]*\"", "largestSegmentId=\"" + Long.toUnsignedString(largest) + "\"")
            : tag.replaceFirst("(\\s*/?>)$", " largestSegmentId=\"" + Long.toUnsignedString(largest) + "\"$1");
        int bodyStart = open.end();
        int bodyEnd = selfClosing ? bodyStart : text.indexOf("</volume>", bodyStart);
        if (bodyEnd < 0) throw new ExportException(ann.zip(), "the NML's volume element for " + vol.location() + " is not closed");
        String body = text.substring(bodyStart, bodyEnd);

        Map<Long, Nml.Segment> listed = new LinkedHashMap<>();
        for (Nml.Segment s : vol.segments()) listed.put(s.id(), s);
        Map<Long, SegmentStats> now = new LinkedHashMap<>();
        for (SegmentStats s : box.index().segments()) now.put(s.id(), s);
        for (Long id : listed.keySet()) if (idsBefore.contains(id) && !now.containsKey(id)) removed.add(id);
        List<Long> fresh = new ArrayList<>();
        for (Long id : now.keySet()) if (!listed.containsKey(id) && !idsBefore.contains(id)) fresh.add(id);
        fresh.sort(SegmentIds::compare);
        for (Long id : removed) {
            body = body.replaceAll("[ \\t]*<segment\\b[^>]*\\bid=\"" + Long.toUnsignedString(id) + "\"[^>]*/>[ \\t]*\\r?\\n?", "");
            body = body.replaceAll("(?s)[ \\t]*<segment\\b[^>]*\\bid=\"" + Long.toUnsignedString(id) + "\"[^>]*[^/]>.*?</segment>[ \\t]*\\r?\\n?", "");
        }
        StringBuilder entries = new StringBuilder();
        long created = System.currentTimeMillis();
        List<Long> unlisted = new ArrayList<>();
        for (var d : decisions.entrySet()) {
            if (!d.getValue().said() || !now.containsKey(d.getKey())) continue; // a removed segment's verdict goes with its entry
            if (listed.containsKey(d.getKey())) body = NmlMetadata.set(body, d.getKey(), d.getValue());
            else if (!fresh.contains(d.getKey())) unlisted.add(d.getKey());
        }
        unlisted.sort(SegmentIds::compare);
        for (Long id : unlisted) { // reviewed but not listed in the NML: listed now, so the verdict has a place
            entries.append("      <segment id=\"").append(Long.toUnsignedString(id)).append("\" name=\"Segment ").append(Long.toUnsignedString(id)).append('"');
            NmlMetadata.close(entries, decisions.get(id), "      ");
        }
        Vec3 tl = box.labels().box().topLeft();
        for (Long id : fresh) {
            int slot = box.labels().table().findSlot(id);
            Vec3 at = SegmentVoxels.nearCentre(box.labels(), box.index(), slot);
            Long from = origins.get(id);
            String parent = from == null ? null : listed.containsKey(from) && listed.get(from).name() != null && !listed.get(from).name().isEmpty()
                ? listed.get(from).name() : "Segment " + Long.toUnsignedString(from);
            String name = parent == null ? "Segment " + Long.toUnsignedString(id) : parent + " (piece, new id " + Long.toUnsignedString(id) + ")";
            entries.append("      <segment id=\"").append(Long.toUnsignedString(id)).append("\" name=\"").append(xml(name)).append("\" created=\"").append(created)
                .append('"');
            float[] rgb = colour(id);
            entries.append(String.format(java.util.Locale.ROOT, " color.r=\"%.4f\" color.g=\"%.4f\" color.b=\"%.4f\" color.a=\"1.0\"", rgb[0], rgb[1], rgb[2]));
            Nml.Segment parentEntry = from == null ? null : listed.get(from);
            if (parentEntry != null && parentEntry.groupId() != null) entries.append(" groupId=\"").append(parentEntry.groupId()).append('"'); // the piece stays in its group
            if (at != null) { // in mag-1 voxels, as WEBKNOSSOS reads anchors (a volume worked on at a coarse mag converts)
                Vec3 a = box.export().toMag1(tl.plus(at));
                entries.append(" anchorPositionX=\"").append(a.x()).append("\" anchorPositionY=\"").append(a.y())
                    .append("\" anchorPositionZ=\"").append(a.z()).append('"');
            }
            Decision d = decisions.get(id);
            if (d != null && d.said()) NmlMetadata.close(entries, d, "      ");
            else entries.append(" />\n");
            added.add(id);
        }
        if (entries.length() > 0) {
            int close = body.indexOf("</segments>");
            if (close >= 0) {
                int lineStart = body.lastIndexOf('\n', close) + 1;
                body = body.substring(0, lineStart) + entries + body.substring(lineStart);
            } else if (body.contains("<segments />") || body.contains("<segments/>")) {
                body = body.replaceFirst("<segments\\s*/>", "<segments>\n" + Matcher.quoteReplacement(entries.toString()) + "    </segments>");
            } else {
                body = "\n    <segments>\n" + entries + "    </segments>\n  " + body;
            }
        }
        if (selfClosing) {
            if (entries.length() == 0) return text.substring(0, open.start()) + newTag + text.substring(open.end());
            return text.substring(0, open.start()) + newTag.replaceFirst("\\s*/>$", ">") + body + "</volume>" + text.substring(open.end());
        }
        return text.substring(0, open.start()) + newTag + body + text.substring(bodyEnd);
    }

    /** A colour of its own for a new segment: hues a golden angle apart by id, full saturation, bright. */
    static float[] colour(long id) {
        double hue = (Long.remainderUnsigned(id * 0x9E3779B97F4A7C15L, 1_000_003L) / 1_000_003.0 + 0.618_033_988_75 * Long.remainderUnsigned(id, 997)) % 1.0;
        double sat = 0.75, val = 0.95, h = hue * 6, f = h - Math.floor(h);
        double p = val * (1 - sat), q = val * (1 - sat * f), t = val * (1 - sat * (1 - f));
        double[] rgb = switch ((int) Math.floor(h) % 6) {
            case 0 -> new double[] {val, t, p};
            case 1 -> new double[] {q, val, p};
            case 2 -> new double[] {p, val, t};
            case 3 -> new double[] {p, q, val};
            case 4 -> new double[] {t, p, val};
            default -> new double[] {val, p, q};
        };
        return new float[] {(float) rgb[0], (float) rgb[1], (float) rgb[2]};
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
