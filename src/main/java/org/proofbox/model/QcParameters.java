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
 */
public record QcParameters(Connectivity connectivity, int minFragment, double idSwitchIoU, double areaJumpFactor,
                           int areaJumpMinArea, int minContact, double maxMembraneNm, boolean extracellularUnlabelled) {
    public static QcParameters defaults() {
        return new QcParameters(Connectivity.TWENTY_SIX, 100, 0.5, 3.0, 100, 20, 40.0, false);
    }

    public QcParameters withConnectivity(Connectivity c) {
        return new QcParameters(c, minFragment, idSwitchIoU, areaJumpFactor, areaJumpMinArea, minContact, maxMembraneNm, extracellularUnlabelled);
    }
}
