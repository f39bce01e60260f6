package org.proofbox.model;

/**
 * What the index knows of one segment: voxel count and inclusive bounding box in global mag-1
 * coordinates.
 */
public record SegmentStats(long id, long voxels, Vec3 bboxMin, Vec3 bboxMax) {}
