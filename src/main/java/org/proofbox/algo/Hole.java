package org.proofbox.algo;

import org.proofbox.model.Vec3;

/**
 * Unlabelled voxels enclosed by one segment: a 3D cavity ({@code section} = -1) or, in the XY
 * section {@code section}, a 2D hole that opens elsewhere in 3D. {@code at} is box-local.
 */
public record Hole(int slot, long voxels, Vec3 at, int section) {
    public boolean is3D() {
        return section < 0;
    }
}
