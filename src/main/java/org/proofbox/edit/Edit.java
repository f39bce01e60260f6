package org.proofbox.edit;

import java.util.List;

/**
 * One undoable action: what it did in words ("segment 17 split into 17, 8812, 8813"), the voxel
 * diff, the ids it created, and the {@link LabelEditor#version} of the labels it was computed
 * from (-1: not tied to one; its "before" values are still checked).
 */
public record Edit(String description, VoxelDiff diff, List<Long> newIds, long basedOn) {
    public Edit {
        newIds = List.copyOf(newIds);
    }

    public Edit(String description, VoxelDiff diff, List<Long> newIds) {
        this(description, diff, newIds, -1);
    }

    /** The same edit, marked as computed from version {@code v} of the labels. */
    public Edit at(long v) {
        return new Edit(description, diff, newIds, v);
    }
}
