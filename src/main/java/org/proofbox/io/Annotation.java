package org.proofbox.io;

import java.util.List;
import java.util.Map;
import org.proofbox.model.Box3;

/**
 * What a volume-annotation zip brings beyond its labels: the NML, which volume layer and which
 * bounding box were chosen (the box becomes the review region; null when the region is the
 * stored data), the fallback layer, and how many 32³ buckets the zip actually stores. With a
 * fallback layer, every bucket not stored is NOT unlabelled: its labels live in the dataset's
 * segmentation, which is not part of the zip.
 */
public record Annotation(java.nio.file.Path zip, Nml nml, Nml.Volume volume, Nml.UserBox box, Box3 region, int storedBuckets,
                         java.util.function.Predicate<org.proofbox.model.Vec3> isStored) {
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

    /** The untouched regions are missing (fallback layer set): never unlabelled ground truth. */
    public boolean incomplete() {
        return volume.fallbackLayer() != null;
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
}
