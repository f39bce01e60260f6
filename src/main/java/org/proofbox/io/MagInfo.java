package org.proofbox.io;

import java.nio.file.Path;
import org.proofbox.model.Vec3;

/** One resolution level of a layer: its downsampling factors and the folder holding its array. */
public record MagInfo(Vec3 mag, Path path) {
    /** Short folder name as WEBKNOSSOS writes it: "1", "2", "2-2-1". */
    public String shortName() {
        if (mag.x() == mag.y() && mag.y() == mag.z()) return Integer.toString(mag.x());
        return longName();
    }

    public String longName() {
        return mag.x() + "-" + mag.y() + "-" + mag.z();
    }

    public boolean isFinest() {
        return mag.x() == 1 && mag.y() == 1 && mag.z() == 1;
    }
}
