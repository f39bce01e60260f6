package org.proofbox.model;

/** An integer voxel position or extent (x, y, z). */
public record Vec3(int x, int y, int z) {
    public static final Vec3 ZERO = new Vec3(0, 0, 0);
    public static final Vec3 ONE = new Vec3(1, 1, 1);

    public static Vec3 of(int[] xyz) {
        return new Vec3(xyz[0], xyz[1], xyz[2]);
    }

    public int get(int axis) {
        return switch (axis) { case 0 -> x; case 1 -> y; case 2 -> z; default -> throw new IllegalArgumentException("axis " + axis); };
    }

    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    public int[] toArray() {
        return new int[] {x, y, z};
    }

    public long volume() {
        return (long) x * y * z;
    }

    @Override
    public String toString() {
        return "[" + x + ", " + y + ", " + z + "]";
    }
}
