package org.proofbox.model;

/** Physical size of one mag-1 voxel along x, y and z, in {@code unit} (nanometres by default). */
public record VoxelSize(double x, double y, double z, String unit) {
    public double get(int axis) {
        return switch (axis) { case 0 -> x; case 1 -> y; case 2 -> z; default -> throw new IllegalArgumentException("axis " + axis); };
    }
}
