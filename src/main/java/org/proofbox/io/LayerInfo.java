package org.proofbox.io;

import java.util.List;
import java.util.Optional;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;

/**
 * One entry of {@code dataLayers}: what the datasource declares, before any array is opened.
 * {@code largestSegmentId} is the declared value (unsigned), empty when absent or null.
 */
public record LayerInfo(String name, String category, String dataFormat, ElementType type, String elementClass,
                        int numChannels, Box3 box, List<MagInfo> mags, Optional<Long> largestSegmentId) {
    public boolean isSegmentation() {
        return "segmentation".equals(category);
    }

    public Optional<MagInfo> finestMag() {
        return mags.stream().filter(MagInfo::isFinest).findFirst();
    }
}
