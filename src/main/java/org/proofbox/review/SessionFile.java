package org.proofbox.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.proofbox.io.AtomicFiles;
import org.proofbox.io.SampleLocator;
import org.proofbox.io.UserDirs;
import org.proofbox.io.ExportException;
import org.proofbox.io.Json;
import org.proofbox.io.JsonIds;
import org.proofbox.model.Connectivity;
import org.proofbox.model.QcParameters;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.Verdict;

/**
 * The review session on disk: {@value #NAME} in the export folder (or, when that folder is not
 * writable, under {@code ~/.proofbox/sessions/}), one JSON object with a format version, the QC
 * parameters, the order, the current segment, every verdict and comment, and the entries of
 * segments that have disappeared from the labels since ("missing": kept, never dropped). Written
 * atomically after every change.
 */
public final class SessionFile {
    public static final String NAME = "proofbox-review.json";
    public static final String FORMAT = "proofbox-review";
    public static final int VERSION = 1;

    /** A verdict and comment of a segment that is no longer in the labels. */
    public record Missing(long id, Verdict verdict, String comment, long voxels) {}

    /** What a session file holds. */
    public record Saved(QcParameters parameters, List<Long> order, Long current, Map<Long, Verdict> verdicts, Map<Long, String> comments,
                        Map<Long, Long> voxels, List<Missing> missing, Map<String, Walkthrough.BoxVerdict> boxVerdicts) {}

    private SessionFile() {}

    /**
     * Where the session of the export at {@code root} lives: inside the export folder (beside an
     * annotation zip) when Proofbox may write there, else in the user's data folder
     * ({@link UserDirs#data}{@code /sessions}) — always there for the bundled sample, which is kept
     * as shipped. A session already beside the export, or in the old {@code ~/.proofbox/sessions},
     * is used where it is.
     */
    public static Path locate(org.proofbox.io.Export export) {
        Path file = locate(export.info().root());
        var ann = export.annotation();
        if (ann == null || ann.nml().volumes().size() < 2) return file;
        // one session per volume of a multi-volume annotation: their ids are unrelated
        String volume = ann.volume().name().replaceAll("[^A-Za-z0-9._-]", "_");
        return file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", "") + "-" + volume + ".json");
    }

    /** As {@link #locate(org.proofbox.io.Export)} for the first (or only) volume of the export at {@code root}. */
    public static Path locate(Path root) {
        boolean zip = Files.isRegularFile(root);
        Path beside = zip ? root.resolveSibling(root.getFileName() + "." + NAME) : root.resolve(NAME);
        boolean sample = !zip && SampleLocator.isBundled(root);
        if (!sample) {
            Path parent = zip ? root.toAbsolutePath().getParent() : root;
            if (Files.exists(beside) || Files.isWritable(parent)) return beside;
        }
        String key = root.toAbsolutePath().normalize().toString().replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
        Path legacy = UserDirs.legacySessions().resolve(key);
        if (Files.exists(legacy)) return legacy;
        return UserDirs.data().resolve("sessions").resolve(key);
    }

    public static void write(Path file, String exportName, Walkthrough w, QcParameters p, List<Missing> missing) throws ExportException {
        write(file, toBytes(exportName, w, p, missing));
    }

    /** Writes serialised session bytes atomically (creating the folder of the home fallback). */
    public static void write(Path file, byte[] bytes) throws ExportException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new ExportException(file, "cannot save the review session: " + e.getMessage(), e);
        }
    }

    /** The session as bytes: cheap, so the UI thread takes this snapshot and a background thread writes it. */
    public static byte[] toBytes(String exportName, Walkthrough w, QcParameters p, List<Missing> missing) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("export", exportName);
        o.put("savedAt", Instant.now().toString());
        o.set("qcParameters", parameters(p));
        ArrayNode order = o.putArray("order");
        for (long id : w.order()) order.add(JsonIds.id(id));
        var cur = w.current();
        if (cur == null) o.putNull("current"); else o.set("current", JsonIds.id(cur.id()));
        ArrayNode segs = o.putArray("segments");
        for (long id : w.order()) {
            Verdict v = w.verdict(id);
            String c = w.comment(id);
            if (v == Verdict.UNREVIEWED && c.isEmpty()) continue;
            ObjectNode s = segs.addObject();
            s.set("id", JsonIds.id(id));
            s.put("verdict", v.key());
            s.put("comment", c);
            s.put("voxels", w.item(id).voxels());
        }
        ArrayNode box = o.putArray("boxFindings");
        w.boxVerdicts().forEach((key, bv) -> box.addObject().put("finding", key).put("verdict", bv.verdict().key()).put("comment", bv.comment()));
        ArrayNode miss = o.putArray("missing");
        for (Missing m : missing) {
            ObjectNode s = miss.addObject();
            s.set("id", JsonIds.id(m.id()));
            s.put("verdict", m.verdict().key());
            s.put("comment", m.comment());
            s.put("voxels", m.voxels());
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("JSON of a session", e); // in memory: cannot happen
        }
    }

    /** Reads a session; a file that is not one (or of a newer version) is an error naming it. */
    public static Saved read(Path file) throws ExportException {
        JsonNode o = Json.read(file);
        try {
            if (!FORMAT.equals(o.path("format").asText())) throw new IllegalArgumentException("not a Proofbox review session (no \"format\": \"" + FORMAT + "\")");
            int version = o.path("version").asInt(-1);
            if (version < 1 || version > VERSION) throw new IllegalArgumentException("session format version " + o.path("version") + " is not supported (this Proofbox reads up to " + VERSION + ")");
            QcParameters p = o.has("qcParameters") ? parameters(o.get("qcParameters")) : QcParameters.defaults();
            List<Long> order = new ArrayList<>();
            for (JsonNode n : o.path("order")) order.add(JsonIds.parse(n));
            Long current = o.hasNonNull("current") ? JsonIds.parse(o.get("current")) : null;
            Map<Long, Verdict> verdicts = new LinkedHashMap<>();
            Map<Long, String> comments = new LinkedHashMap<>();
            Map<Long, Long> voxels = new LinkedHashMap<>();
            for (JsonNode s : o.path("segments")) {
                long id = JsonIds.parse(s.get("id"));
                Verdict v = Verdict.ofKey(s.path("verdict").asText("unreviewed"));
                if (v != Verdict.UNREVIEWED) verdicts.put(id, v);
                String c = s.path("comment").asText("");
                if (!c.isEmpty()) comments.put(id, c);
                voxels.put(id, s.path("voxels").asLong(0));
            }
            List<Missing> missing = new ArrayList<>();
            for (JsonNode s : o.path("missing")) {
                missing.add(new Missing(JsonIds.parse(s.get("id")), Verdict.ofKey(s.path("verdict").asText("unreviewed")), s.path("comment").asText(""),
                    s.path("voxels").asLong(0)));
            }
            Map<String, Walkthrough.BoxVerdict> box = new LinkedHashMap<>();
            for (JsonNode b : o.path("boxFindings")) {
                String key = b.path("finding").asText("");
                if (!key.matches("[a-z_]+@-?\\d+,-?\\d+,-?\\d+")) throw new IllegalArgumentException("a box finding \"" + key + "\" that is not check@x,y,z");
                box.put(key, new Walkthrough.BoxVerdict(Verdict.ofKey(b.path("verdict").asText("unreviewed")), b.path("comment").asText("")));
            }
            return new Saved(p, order, current, verdicts, comments, voxels, missing, box);
        } catch (IllegalArgumentException e) {
            throw new ExportException(file, e.getMessage());
        }
    }

    /** The outcome of applying a saved session to the segments the labels hold now. */
    public record Reconciled(List<Missing> missing, List<String> messages) {}

    /**
     * Restores order, position, verdicts and comments onto {@code w}. Verdicts of ids that no
     * longer exist are kept as {@link Missing} (with those already missing) and named in a
     * message; ids that are new are appended to the order and counted in a message.
     */
    public static Reconciled apply(Saved s, Walkthrough w) {
        w.restoreBox(s.boxVerdicts());
        List<Missing> missing = new ArrayList<>(s.missing());
        List<String> messages = new ArrayList<>();
        List<Long> gone = new ArrayList<>();
        java.util.Set<Long> keys = new java.util.LinkedHashSet<>(s.verdicts().keySet());
        keys.addAll(s.comments().keySet());
        for (long id : keys) {
            Verdict v = s.verdicts().getOrDefault(id, Verdict.UNREVIEWED);
            String c = s.comments().getOrDefault(id, "");
            if (w.item(id) == null) {
                missing.add(new Missing(id, v, c, s.voxels().getOrDefault(id, 0L)));
                gone.add(id);
            } else {
                w.set(id, v, c);
            }
        }
        java.util.Set<Long> saved = new java.util.HashSet<>(s.order());
        int added = 0;
        for (long id : w.order()) if (!saved.contains(id)) added++;
        Long cur = s.current();
        long currentId = cur != null && w.item(cur) != null ? cur : firstOpen(s.order(), w);
        w.setOrder(s.order(), currentId);
        if (!gone.isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < gone.size() && i < 10; i++) {
                long id = gone.get(i);
                b.append(i == 0 ? "" : ", ").append(SegmentIds.toString(id)).append(" (").append(s.verdicts().getOrDefault(id, Verdict.UNREVIEWED).label()).append(')');
            }
            if (gone.size() > 10) b.append(", …");
            messages.add(gone.size() + " reviewed segment" + (gone.size() == 1 ? " is" : "s are") + " no longer in the labels: " + b
                + ". Their verdicts and comments are kept in the session under \"missing\".");
        }
        if (added > 0 && !s.order().isEmpty()) {
            messages.add(added + " segment" + (added == 1 ? " is" : "s are") + " new since the session was saved; added at the end of the order, not reviewed.");
        }
        return new Reconciled(missing, messages);
    }

    private static long firstOpen(List<Long> savedOrder, Walkthrough w) {
        for (long id : savedOrder) if (w.item(id) != null && w.verdict(id) == Verdict.UNREVIEWED) return id;
        var c = w.current();
        return c == null ? 0 : c.id();
    }

    /** The QC parameters as JSON, as the session file and {@code check} state them. */
    public static ObjectNode parameters(QcParameters p) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("connectivity", p.connectivity().neighbours);
        n.put("minFragment", p.minFragment());
        n.put("idSwitchIoU", p.idSwitchIoU());
        n.put("areaJumpFactor", p.areaJumpFactor());
        n.put("areaJumpMinArea", p.areaJumpMinArea());
        n.put("minContact", p.minContact());
        n.put("maxMembraneNm", p.maxMembraneNm());
        n.put("extracellularUnlabelled", p.extracellularUnlabelled());
        n.put("instance", p.instance());
        n.put("minFragmentUm3", p.minFragmentUm3());
        n.put("minJumpAreaUm2", p.minJumpAreaUm2());
        n.put("minConvexity", p.minConvexity());
        return n;
    }

    static QcParameters parameters(JsonNode n) {
        QcParameters d = QcParameters.defaults();
        return new QcParameters(Connectivity.of(n.path("connectivity").asInt(d.connectivity().neighbours)), n.path("minFragment").asInt(d.minFragment()),
            n.path("idSwitchIoU").asDouble(d.idSwitchIoU()), n.path("areaJumpFactor").asDouble(d.areaJumpFactor()),
            n.path("areaJumpMinArea").asInt(d.areaJumpMinArea()), n.path("minContact").asInt(d.minContact()),
            n.path("maxMembraneNm").asDouble(d.maxMembraneNm()), n.path("extracellularUnlabelled").asBoolean(false), n.path("instance").asBoolean(false),
            n.path("minFragmentUm3").asDouble(QcParameters.DEFAULT_MIN_FRAGMENT_UM3), n.path("minJumpAreaUm2").asDouble(QcParameters.DEFAULT_MIN_JUMP_AREA_UM2),
            n.path("minConvexity").asDouble(QcParameters.DEFAULT_MIN_CONVEXITY));
    }
}
