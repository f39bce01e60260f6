package org.proofbox.edit;

import java.util.List;

/**
 * One undoable action: what it did in words ("segment 17 split into 17, 8812, 8813"), the voxel
 * diff, and the ids it created.
 */
public record Edit(String description, VoxelDiff diff, List<Long> newIds) {
    public Edit {
        newIds = List.copyOf(newIds);
    }
}
