package org.proofbox.algo;

import org.proofbox.model.Vec3;

/** One connected piece of a segment: its slot, size, first voxel in scan order (box-local) and whether it touches the box border. */
public record Component(int slot, long voxels, Vec3 first, boolean touchesBorder) {}
