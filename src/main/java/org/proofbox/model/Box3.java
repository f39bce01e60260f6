package org.proofbox.model;

/** An axis-aligned box of voxels: {@code topLeft} inclusive, {@code size} voxels along each axis. */
public record Box3(Vec3 topLeft, Vec3 size) {
    public Box3 {
        if (size.x() < 0 || size.y() < 0 || size.z() < 0) throw new IllegalArgumentException("negative box size " + size);
    }

    /** Exclusive upper corner. */
    public Vec3 end() {
        return topLeft.plus(size);
    }

    public long voxels() {
        return size.volume();
    }

    public boolean contains(int x, int y, int z) {
        return x >= topLeft.x() && y >= topLeft.y() && z >= topLeft.z()
            && x < topLeft.x() + size.x() && y < topLeft.y() + size.y() && z < topLeft.z() + size.z();
    }

    /** The part of this box inside {@code o}, or null when they do not overlap. */
    public Box3 intersect(Box3 o) {
        int[] lo = new int[3], hi = new int[3];
        for (int a = 0; a < 3; a++) {
            lo[a] = Math.max(topLeft.get(a), o.topLeft.get(a));
            hi[a] = Math.min(end().get(a), o.end().get(a));
            if (lo[a] >= hi[a]) return null;
        }
        return new Box3(new Vec3(lo[0], lo[1], lo[2]), new Vec3(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]));
    }
}
