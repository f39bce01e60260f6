package org.proofbox.edit;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.proofbox.model.SegmentIds;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.SegmentIndex;

/**
 * Applies {@link Edit}s to the labels with undo and redo, keeping the {@link SegmentIndex}
 * identical to a full recount: counts change per voxel, a slot that gains a voxel grows its box
 * and block list, a slot that loses voxels has box and blocks recomputed over its own blocks.
 * Remembers which voxels changed since the last save (one bit per voxel) for the save path, and
 * hands every applied diff to the journal listener before returning.
 */
public final class LabelEditor {
    /** Told after each applied diff: what, and the slots it touched (for re-checking them). */
    public interface Listener {
        void applied(String description, VoxelDiff diff, IntOpenHashSet touchedSlots, boolean undo);
    }

    private final LabelVolume vol;
    private final SegmentIndex idx;
    private final long declaredLargest;
    private long allocatedMax;
    private final Deque<Edit> undo = new ArrayDeque<>(), redo = new ArrayDeque<>();
    private final org.proofbox.model.VoxelBits changed;
    private final List<Listener> listeners = new ArrayList<>();
    private long historyBytes;
    private volatile long version;
    private int savedDepth, depth; // undo depth at the last save / now; -1 when the saved state is unreachable

    /** @param declaredLargest the export's {@code largestSegmentId} (0 when not declared), never handed out again */
    public LabelEditor(LabelVolume vol, SegmentIndex idx, long declaredLargest) {
        this.vol = vol;
        this.idx = idx;
        this.declaredLargest = declaredLargest;
        this.changed = new org.proofbox.model.VoxelBits(vol.voxelCount());
    }

    public LabelVolume volume() { return vol; }
    public SegmentIndex index() { return idx; }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    /**
     * The next id no voxel holds and none was handed out before: one above the largest of the ids
     * present, the declared largest id and every id allocated in this session. Fails when the
     * layer's type has no room left (uint32 at 2³²−1).
     */
    public synchronized long nextFreeId() {
        long max = SegmentIds.max(SegmentIds.max(idx.largestId(), declaredLargest), allocatedMax);
        long limit = vol.type().maxId();
        if (SegmentIds.compare(max, limit) >= 0) {
            throw new NoFreeIdException("no free segment id: the largest id " + SegmentIds.toString(max) + " is the maximum of " + vol.type().wkName()
                + " (ids below it may be in use elsewhere in the dataset, so none is taken)");
        }
        return max + 1;
    }

    /**
     * Allocates a new id and its slot; safe from any thread. The index grows for it only when an
     * edit that uses it is applied (on the thread that applies edits), so readers of the index
     * never see its arrays replaced under them by a background computation.
     */
    public synchronized int newSlot() {
        long id = nextFreeId();
        allocatedMax = id;
        return vol.table().slotOf(id);
    }

    /** The slot of an id, allocating it if no voxel has held it yet; safe from any thread, like {@link #newSlot}. */
    public synchronized int slotFor(long id) {
        int s = vol.table().slotOf(id);
        if (id != 0 && SegmentIds.compare(id, allocatedMax) > 0) allocatedMax = id;
        return s;
    }

    /** Counts applied diffs (edits, undos, redos): an edit computed at another version is stale. */
    public long version() {
        return version;
    }

    private List<Edit> group; // edits of a stroke in progress
    private String groupName;

    /** Starts a group: the edits applied until {@link #endGroup} become one undo step (a brush stroke). */
    public void beginGroup(String description) {
        if (group != null) endGroup();
        group = new ArrayList<>();
        groupName = description;
    }

    /** Ends the group; returns the combined edit, or null when nothing changed. */
    public Edit endGroup() {
        List<Edit> g = group;
        group = null;
        if (g == null || g.isEmpty()) return null;
        for (int i = 0; i < g.size(); i++) { // they were pushed one by one; fold them into one
            Edit top = undo.pop();
            historyBytes -= top.diff().bytes();
            depth--;
        }
        VoxelDiff all = new VoxelDiff();
        List<Long> ids = new ArrayList<>();
        int voxels = 0;
        for (Edit e : g) {
            for (int i = 0; i < e.diff().size(); i++) all.add(e.diff().voxel(i), e.diff().before(i), e.diff().after(i));
            ids.addAll(e.newIds());
            voxels += e.diff().size();
        }
        Edit combined = new Edit(groupName + " (" + voxels + " voxel changes)", all, ids);
        undo.push(combined);
        historyBytes += all.bytes();
        depth++;
        return combined;
    }

    /**
     * Applies an edit and puts it on the undo stack (the redo stack is cleared); an empty edit does
     * nothing. All or nothing: an edit computed at an older {@link #version} ({@link Edit#basedOn})
     * or one whose "before" does not match every voxel is refused with {@link StaleEditException}
     * and changes nothing.
     */
    public void apply(Edit e) {
        if (e == null || e.diff().isEmpty()) return;
        if (e.basedOn() >= 0 && e.basedOn() != version) {
            throw new StaleEditException("the labels changed while \"" + e.description() + "\" was being computed; nothing was changed, run it again");
        }
        run(e.description(), e.diff(), false);
        if (group != null) group.add(e);
        undo.push(e);
        historyBytes += e.diff().bytes();
        for (Edit r : redo) historyBytes -= r.diff().bytes();
        redo.clear();
        if (savedDepth > depth) savedDepth = -1; // the saved state was on the redo stack
        depth++;
    }

    public boolean canUndo() { return !undo.isEmpty(); }
    public boolean canRedo() { return !redo.isEmpty(); }

    /** Undoes the last edit; returns it, or null when there is nothing to undo. */
    public Edit undo() {
        if (undo.isEmpty()) return null;
        Edit e = undo.pop();
        run("undo " + e.description(), e.diff().inverse(), true);
        redo.push(e);
        depth--;
        return e;
    }

    public Edit redo() {
        if (redo.isEmpty()) return null;
        Edit e = redo.pop();
        run(e.description(), e.diff(), false);
        undo.push(e);
        depth++;
        return e;
    }

    public String undoDescription() { return undo.isEmpty() ? null : undo.peek().description(); }
    /** Voxels the next undo / redo changes (0: nothing to do), so the window can run a big one in the background. */
    public int undoVoxels() { return undo.isEmpty() ? 0 : undo.peek().diff().size(); }
    public int redoVoxels() { return redo.isEmpty() ? 0 : redo.peek().diff().size(); }
    public String redoDescription() { return redo.isEmpty() ? null : redo.peek().description(); }

    /** Bytes held by the undo and redo stacks: proportional to the voxels changed, not to the box. */
    public long historyBytes() {
        return historyBytes;
    }

    /** Whether the labels differ from the last save (or the opened state). */
    public boolean hasUnsavedChanges() {
        return depth != savedDepth;
    }

    /** The voxels changed since the last save (box-local linear index). */
    public org.proofbox.model.VoxelBits changedVoxels() {
        return changed;
    }

    /**
     * The labels were saved as a copy (an annotation's new zip): no unsaved edits now, but the
     * changed voxels stay, relative to the source, which is unchanged (the next copy holds them all).
     */
    public void markSavedAsCopy() {
        savedDepth = depth;
    }

    /** The labels were saved: they are the new baseline. */
    public void markSaved() {
        changed.clear();
        savedDepth = depth;
    }

    private void run(String description, VoxelDiff d, boolean isUndo) {
        int sx = vol.sizeX(), sy = vol.sizeY();
        long plane = (long) sx * sy, total = vol.voxelCount();
        int slots = vol.table().slotCount();
        IntOpenHashSet lost = new IntOpenHashSet(), touched = new IntOpenHashSet();
        for (int i = 0; i < d.size(); i++) { // every voxel checked before the first is written
            long v = d.voxel(i);
            if (v < 0 || v >= total || d.after(i) < 0 || d.after(i) >= slots) throw new StaleEditException("\"" + description + "\" does not fit this box; nothing was changed");
            int z = (int) (v / plane), rem = (int) (v % plane), y = rem / sx, x = rem % sx;
            int cur = vol.slotAt(x, y, z);
            if (cur != d.before(i)) {
                throw new StaleEditException("\"" + description + "\" does not match the labels at (" + x + ", " + y + ", " + z + ") any more; nothing was changed");
            }
        }
        idx.ensureSlots(slots);
        version++;
        for (int i = 0; i < d.size(); i++) {
            long v = d.voxel(i);
            int z = (int) (v / plane), rem = (int) (v % plane), y = rem / sx, x = rem % sx;
            int cur = vol.slotAt(x, y, z);
            int to = d.after(i);
            vol.setSlot(x, y, z, to);
            idx.addCount(cur, -1);
            idx.addCount(to, 1);
            idx.gained(to, x, y, z);
            lost.add(cur);
            touched.add(cur);
            touched.add(to);
            changed.set(v);
        }
        for (int s : lost) idx.recompute(s);
        for (Listener l : List.copyOf(listeners)) l.applied(description, d, touched, isUndo);
    }
}
