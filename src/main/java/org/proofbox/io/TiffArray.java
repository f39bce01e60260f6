package org.proofbox.io;

import java.nio.file.Path;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;

/** A TIFF cutout layer as a {@link ChunkedArray}: one chunk per z-section (the page), decoded when read. */
final class TiffArray implements ChunkedArray {
    private final TiffSections sections;

    TiffArray(TiffSections sections) {
        this.sections = sections;
    }

    TiffSections sections() {
        return sections;
    }

    @Override public Path location() { return sections.source; }
    @Override public ElementType type() { return sections.type; }
    @Override public Vec3 shape() { return new Vec3(sections.width, sections.height, sections.depth()); }
    @Override public Vec3 chunkShape() { return new Vec3(sections.width, sections.height, 1); }
    @Override public int channels() { return 1; }

    @Override
    public ChunkData readChunk(int cx, int cy, int cz) throws ExportException {
        int n = sections.width * sections.height;
        Vec3 size = chunkShape();
        if (sections.type.bytes == 8) {
            long[] v = new long[n];
            sections.decode(cz, null, v);
            return ChunkData.ofLongs(size, v);
        }
        int[] v = new int[n];
        sections.decode(cz, v, null);
        return ChunkData.ofInts(size, v);
    }
}
