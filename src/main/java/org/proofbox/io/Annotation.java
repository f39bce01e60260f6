package org.proofbox.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.proofbox.model.Box3;

/**
 * What a volume-annotation zip brings beyond its labels: the NML, which volume layer and which
 * bounding box were chosen (the box becomes the review region; null when the region is the
 * stored data), the fallback layer, and how many 32³ buckets the zip actually stores. With a
 * fallback layer, every bucket not stored is NOT unlabelled: its labels live in the dataset's
 * segmentation, which is not part of the zip — unless a local copy of the dataset is attached
 * ({@code dataset}), whose segmentation then fills them.
 */
public record Annotation(java.nio.file.Path zip, Nml nml, Nml.Volume volume, Nml.UserBox box, Box3 region, int storedBuckets,
                         java.util.function.Predicate<org.proofbox.model.Vec3> isStored, Writer writer, java.nio.file.Path dataset) {
    /**
     * Writing a changed annotation as a new zip (the original is never changed): from
     * {@link #collect} on, the volume's arrays take {@code writeChunk} into memory; {@link #write}
     * makes the new zip — every entry copied byte for byte except the NML and the volume zip, whose
     * entries are copied byte for byte except the chunks written.
     */
    public interface Writer {
        /** Starts collecting the volume's writes; returns them as they come (entry name → bytes, FileWrites.DELETED when removed). */
        Map<String, byte[]> collect() throws ExportException;

        /** The NML as the zip holds it. */
        String nmlText();

        /**
         * Writes the new annotation zip at {@code out} with {@code nml} and the collected entries,
         * atomically; an existing file is refused unless {@code replace} (then it is replaced in one
         * step, never first removed). The annotation itself is never the target.
         */
        void write(java.nio.file.Path out, String nml, Map<String, byte[]> entries, boolean replace) throws ExportException;
    }

    /** Names of the NML's segments by id. */
    public Map<Long, String> segmentNames() {
        java.util.Map<Long, String> m = new java.util.HashMap<>();
        for (Nml.Segment s : volume.segments()) if (s.name() != null && !s.name().isEmpty()) m.put(s.id(), s.name());
        return m;
    }

    /** Colours (0xRRGGBB) of the NML's segments by id. */
    public Map<Long, Integer> segmentColours() {
        java.util.Map<Long, Integer> m = new java.util.HashMap<>();
        for (Nml.Segment s : volume.segments()) if (s.rgb() != null) m.put(s.id(), s.rgb());
        return m;
    }

    /** The untouched regions are missing (fallback layer set, no dataset attached): never unlabelled ground truth. */
    public boolean incomplete() {
        return volume.fallbackLayer() != null && dataset == null;
    }

    public String banner() {
        return incomplete()
            ? "This annotation stores only the " + storedBuckets + " buckets the annotator touched; everything else comes from the dataset's \""
              + volume.fallbackLayer() + "\" segmentation, which is not in the zip. Untouched regions are MISSING, not unlabelled."
            : null;
    }

    public List<Nml.UserBox> boxes() {
        return nml.boxes();
    }

    /** What info and check state about the annotation a box came from. */
    public ObjectNode json() {
        Annotation a = this;
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("zip", a.zip().toString());
        n.put("dataset", a.nml().dataset());
        ArrayNode vols = n.putArray("volumes");
        for (Nml.Volume v : a.nml().volumes()) {
            ObjectNode vn = vols.addObject();
            vn.put("id", v.id());
            vn.put("name", v.name());
            vn.put("location", v.location());
            vn.put("format", v.format().isEmpty() ? "wkw" : v.format());
            vn.put("fallbackLayer", v.fallbackLayer());
            if (v.largestSegmentId() == null) vn.putNull("largestSegmentId"); else vn.set("largestSegmentId", JsonIds.id(v.largestSegmentId()));
            vn.put("nmlSegments", v.segments().size());
        }
        n.put("volume", a.volume().name());
        ArrayNode boxes = n.putArray("boxes");
        for (Nml.UserBox b : a.nml().boxes()) {
            ObjectNode bn = boxes.addObject();
            bn.put("id", b.id());
            bn.put("name", b.name());
            bn.set("topLeft", JsonIds.vec(b.box().topLeft()));
            bn.set("size", JsonIds.vec(b.box().size()));
        }
        if (a.box() == null) n.putNull("box"); else n.put("box", a.box().id());
        n.put("regionFrom", a.box() == null ? "stored buckets" : "user bounding box");
        n.put("storedBuckets", a.storedBuckets());
        n.put("incomplete", a.incomplete());
        if (a.dataset() != null) n.put("datasetAttached", a.dataset().toString()); else n.putNull("datasetAttached");
        if (a.incomplete()) n.put("note", a.banner());
        ObjectNode names = n.putObject("segmentNames");
        a.segmentNames().forEach((id, name) -> names.put(Long.toUnsignedString(id), name));
        return n;
    }
}
