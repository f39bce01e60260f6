package org.proofbox.io;

import org.proofbox.model.Box3;
import org.proofbox.model.Vec3;

/**
 * An opened mag of a layer together with where it sits: {@code origin} is the position, in this
 * mag's voxels, of array index (0, 0, 0) — zero for arrays in absolute coordinates, the box corner
 * for box-local ones — and {@code region} is the layer's bounding box in this mag's voxels.
 */
public record LayerArray(LayerInfo layer, MagInfo mag, ChunkedArray array, Vec3 origin, Box3 region) {}
