package org.proofbox.model;

/**
 * One QC finding. {@code segment} and {@code otherSegment} are ids (unsigned) or null; {@code at}
 * is a voxel inside the defect in global coordinates; {@code axis}/{@code section} name the
 * section (global coordinate along the axis) where relevant, else null.
 */
public record Finding(Check check, Long segment, Long otherSegment, Vec3 at, long voxels, Character axis, Integer section,
                      Severity severity, String detail) {}
