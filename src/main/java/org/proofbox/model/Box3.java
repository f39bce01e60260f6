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
}
