package org.proofbox.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.proofbox.model.VoxelSize;

/** A parsed {@code datasource-properties.json}. */
public record DatasetInfo(Path root, Path propertiesFile, String name, VoxelSize voxelSize, List<LayerInfo> layers) {
    public Optional<LayerInfo> layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The segmentation layer: the one named "segmentation", else the first of that category. */
    public Optional<LayerInfo> segmentationLayer() {
        return layer("segmentation").filter(LayerInfo::isSegmentation)
            .or(() -> layers.stream().filter(LayerInfo::isSegmentation).findFirst());
    }

    /** The raw EM layer: the one named "color", else the first of category color. */
    public Optional<LayerInfo> colorLayer() {
        return layer("color").filter(l -> "color".equals(l.category()))
            .or(() -> layers.stream().filter(l -> "color".equals(l.category())).findFirst());
    }
}
