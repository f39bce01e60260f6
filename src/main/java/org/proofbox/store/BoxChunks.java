package org.proofbox.store;

import java.util.ArrayList;
import java.util.List;
import org.proofbox.io.ChunkedArray;
import org.proofbox.io.LayerArray;
import org.proofbox.model.Vec3;

/**
 * The chunks of an array that intersect the box of its layer, and for each the part of the chunk
 * that falls inside the box. Shared by the loaders so that the coordinate arithmetic lives once.
 */
final class BoxChunks {
    /** One chunk: grid position, its first voxel in box-local coordinates and the range [i0,i1)×[j0,j1)×[k0,k1) of chunk voxels inside the box. */
    record Part(int cx, int cy, int cz, int bx, int by, int bz, int i0, int i1, int j0, int j1, int k0, int k1) {}

    private BoxChunks() {}

    /**
     * The parts split in two, order kept: first those that hold a voxel of one of the three planes
     * through {@code centre} (box-local), then the rest — what the views need for a first frame.
     */
    static List<List<Part>> centreFirst(List<Part> parts, Vec3 centre) {
        List<Part> first = new ArrayList<>(), rest = new ArrayList<>();
        for (Part p : parts) {
            boolean x = p.bx() + p.i0() <= centre.x() && centre.x() < p.bx() + p.i1();
            boolean y = p.by() + p.j0() <= centre.y() && centre.y() < p.by() + p.j1();
            boolean z = p.bz() + p.k0() <= centre.z() && centre.z() < p.bz() + p.k1();
            (x || y || z ? first : rest).add(p);
        }
        return List.of(first, rest);
    }

    static List<Part> of(LayerArray la) {
        ChunkedArray array = la.array();
        Vec3 size = la.region().size();
        Vec3 a0 = la.region().topLeft().minus(la.origin()); // first voxel of the box in array indices
        Vec3 c = array.chunkShape();
        int cx0 = a0.x() / c.x(), cy0 = a0.y() / c.y(), cz0 = a0.z() / c.z();
        int cx1 = ChunkedArray.ceilDiv(a0.x() + size.x(), c.x());
        int cy1 = ChunkedArray.ceilDiv(a0.y() + size.y(), c.y());
        int cz1 = ChunkedArray.ceilDiv(a0.z() + size.z(), c.z());
        List<Part> parts = new ArrayList<>();
        if (size.volume() == 0) return parts;
        for (int z = cz0; z < cz1; z++) for (int y = cy0; y < cy1; y++) for (int x = cx0; x < cx1; x++) {
            int bx = x * c.x() - a0.x(), by = y * c.y() - a0.y(), bz = z * c.z() - a0.z();
            parts.add(new Part(x, y, z, bx, by, bz,
                Math.max(0, -bx), Math.min(c.x(), size.x() - bx),
                Math.max(0, -by), Math.min(c.y(), size.y() - by),
                Math.max(0, -bz), Math.min(c.z(), size.z() - bz)));
        }
        return parts;
    }
}
