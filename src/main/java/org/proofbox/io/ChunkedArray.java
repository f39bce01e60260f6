package org.proofbox.io;

import java.nio.file.Path;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;

/**
 * One mag of one layer as a grid of chunks, in that mag's voxel coordinates (x, y, z). The
 * interface every storage format (Zarr v2 now, Zarr3 and WKW later) implements so that nothing
 * above {@code io} knows which one it reads.
 */
public interface ChunkedArray {
    Path location();

    /** The file that describes the array (.zarray, zarr.json, header.wkw), for messages about its metadata. */
    default Path metadataFile() {
        return location();
    }

    ElementType type();

    /** Extent along x, y, z (the channel axis, if any, is not counted). */
    Vec3 shape();

    Vec3 chunkShape();

    int channels();

    /** Decodes chunk ({@code cx, cy, cz}) of the grid; a chunk absent from the store comes back {@link ChunkData#isMissing()}. */
    ChunkData readChunk(int cx, int cy, int cz) throws ExportException;

    /** Like {@link #readChunk(int, int, int)} but may decode into {@code buffers}; the result is valid until their next use. */
    default ChunkData readChunk(int cx, int cy, int cz, ChunkBuffers buffers) throws ExportException {
        return readChunk(cx, cy, cz);
    }

    /** Encodes one chunk in the array's own format and hands its file to {@code writes}; formats that cannot write say so. */
    default void writeChunk(int cx, int cy, int cz, ChunkData data, FileWrites writes) throws ExportException {
        throw new ExportException(location(), "writing is not supported for this array format");
    }

    default Vec3 chunkGrid() {
        Vec3 s = shape(), c = chunkShape();
        return new Vec3(ceilDiv(s.x(), c.x()), ceilDiv(s.y(), c.y()), ceilDiv(s.z(), c.z()));
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
