package org.proofbox.model;

/**
 * Thresholds of the QC checks; every report states the values it used.
 *
 * @param connectivity            neighbourhood that makes a segment's voxels one piece (default 26)
 * @param minFragment             components below this many voxels are small fragments (default 100)
 * @param idSwitchIoU             IoU of the last section of A and the first of B above which A→B is an id switch (0.5)
 * @param areaJumpFactor          ratio of cross-section areas of adjacent sections that counts as a jump (3)
 * @param areaJumpMinArea         jumps are judged only when the larger side has this many voxels, and an id switch
 *                                needs at least this many overlapping voxels (100)
 * @param minContact              direct contacts (or unlabelled gaps) smaller than this many voxel faces are ignored (20)
 * @param maxMembraneNm           unlabelled voxels farther than this from every label are a coverage gap (40 nm)
 * @param extracellularUnlabelled the box leaves extracellular space unlabelled on purpose: skip coverage_gap
 * @param instance                instance annotation (only the structures of interest labelled, e.g. nuclei): coverage and
 *                                membrane style are not judged; small fragments are judged in µm³; instances cut by the
 *                                box border and touching instances are reported as information
 * @param minFragmentUm3          in instance mode, pieces below this volume are small fragments (default 1 µm³)
 * @param minJumpAreaUm2          in instance mode, area jumps and id switches are judged from this cross-section area on,
 *                                instead of {@code areaJumpMinArea} voxels (default 1 µm²)
 * @param minConvexity            in instance mode, an instance whose digital convexity (voxels over the lattice points of
 *                                its convex hull) is below this is an unnatural shape (default 0.85)
 */
public record QcParameters(Connectivity connectivity, int minFragment, double idSwitchIoU, double areaJumpFactor,
                           int areaJumpMinArea, int minContact, double maxMembraneNm, boolean extracellularUnlabelled, boolean instance,
                           double minFragmentUm3, double minJumpAreaUm2, double minConvexity) {
    public static final double DEFAULT_MIN_FRAGMENT_UM3 = 1.0;
    public static final double DEFAULT_MIN_JUMP_AREA_UM2 = 1.0;
    public static final double DEFAULT_MIN_CONVEXITY = 0.85;

    /** Dense-annotation thresholds (instance mode off). */
    public QcParameters(Connectivity connectivity, int minFragment, double idSwitchIoU, double areaJumpFactor, int areaJumpMinArea, int minContact,
                        double maxMembraneNm, boolean extracellularUnlabelled) {
        this(connectivity, minFragment, idSwitchIoU, areaJumpFactor, areaJumpMinArea, minContact, maxMembraneNm, extracellularUnlabelled, false,
            DEFAULT_MIN_FRAGMENT_UM3, DEFAULT_MIN_JUMP_AREA_UM2, DEFAULT_MIN_CONVEXITY);
    }

    public static QcParameters defaults() {
        return new QcParameters(Connectivity.TWENTY_SIX, 100, 0.5, 3.0, 100, 20, 40.0, false);
    }

    public QcParameters withConnectivity(Connectivity c) {
        return new QcParameters(c, minFragment, idSwitchIoU, areaJumpFactor, areaJumpMinArea, minContact, maxMembraneNm, extracellularUnlabelled, instance,
            minFragmentUm3, minJumpAreaUm2, minConvexity);
    }

    public QcParameters withInstance(boolean on) {
        return new QcParameters(connectivity, minFragment, idSwitchIoU, areaJumpFactor, areaJumpMinArea, minContact, maxMembraneNm, extracellularUnlabelled, on,
            minFragmentUm3, minJumpAreaUm2, minConvexity);
    }

    public QcParameters withMinFragmentUm3(double um3) {
        return new QcParameters(connectivity, minFragment, idSwitchIoU, areaJumpFactor, areaJumpMinArea, minContact, maxMembraneNm, extracellularUnlabelled,
            instance, um3, minJumpAreaUm2, minConvexity);
    }

    /** Voxels below which a piece is a small fragment: {@link #minFragment}, or in instance mode {@link #minFragmentUm3} at this voxel size. */
    public int minFragmentVoxels(VoxelSize vs) {
        if (!instance) return minFragment;
        double um3 = vs.x() * vs.y() * vs.z() * 1e-9; // nm³ → µm³
        return (int) Math.max(1, Math.ceil(minFragmentUm3 / um3));
    }

    /**
     * Cross-section area (voxels of a section across {@code axis}) from which area jumps and id
     * switches are judged: {@link #areaJumpMinArea}, or in instance mode {@link #minJumpAreaUm2} at
     * this voxel size — per axis, since anisotropic voxels have sections of different areas.
     */
    public int jumpMinAreaVoxels(VoxelSize vs, int axis) {
        if (!instance) return areaJumpMinArea;
        double[] v = {vs.x(), vs.y(), vs.z()};
        double um2 = v[(axis + 1) % 3] * v[(axis + 2) % 3] * 1e-6; // nm² → µm²
        return (int) Math.max(1, Math.ceil(minJumpAreaUm2 / um2));
    }
}
