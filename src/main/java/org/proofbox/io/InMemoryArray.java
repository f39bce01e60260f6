package org.proofbox.io;

import java.nio.file.Path;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;

/**
 * A label array already in memory, one {@code int[]} of raw uint32 values per z-section, served as
 * chunks of one section each (no copy). Lets benchmarks and tests run the real loading path on
 * data that never touched disk.
 */
public final class InMemoryArray implements ChunkedArray {
    private final Vec3 shape;
    private final int[][] planes;

    public InMemoryArray(Vec3 shape, int[][] planes) {
        if (planes.length != shape.z()) throw new IllegalArgumentException("planes " + planes.length + " != z " + shape.z());
        this.shape = shape;
        this.planes = planes;
    }

    @Override public Path location() { return Path.of("<memory>"); }
    @Override public ElementType type() { return ElementType.UINT32; }
    @Override public Vec3 shape() { return shape; }
    @Override public Vec3 chunkShape() { return new Vec3(shape.x(), shape.y(), 1); }
    @Override public int channels() { return 1; }

    @Override
    public ChunkData readChunk(int cx, int cy, int cz) {
        return ChunkData.ofInts(chunkShape(), planes[cz]);
    }
}
