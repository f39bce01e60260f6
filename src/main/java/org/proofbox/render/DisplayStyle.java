package org.proofbox.render;

import java.util.Arrays;

/**
 * How slices look: grey window, overlay opacity and whether it shows, filled or outlined
 * segments, which segments are visible (selected slots, sorted), and whether hidden segments
 * stay as faint outlines for context.
 */
public record DisplayStyle(Contrast contrast, double opacity, boolean overlay, boolean outlines,
                           Visibility visibility, int[] selected, boolean contextOutlines) {
    public static final DisplayStyle DEFAULT = new DisplayStyle(Contrast.FULL, 0.45, true, false, Visibility.ALL, new int[0], true);

    public DisplayStyle {
        if (!(opacity >= 0 && opacity <= 1)) throw new IllegalArgumentException("opacity " + opacity);
        selected = selected.clone();
        Arrays.sort(selected);
    }

    public boolean isSelected(int slot) {
        return Arrays.binarySearch(selected, slot) >= 0;
    }

    /** Whether the overlay fills (or outlines, in outline mode) this slot. */
    public boolean shows(int slot) {
        if (slot <= 0) return false;
        return switch (visibility) {
            case ALL -> true;
            case ONLY_SELECTED -> isSelected(slot);
            case ALL_BUT_SELECTED -> !isSelected(slot);
        };
    }

    public DisplayStyle withContrast(Contrast c) { return new DisplayStyle(c, opacity, overlay, outlines, visibility, selected, contextOutlines); }
    public DisplayStyle withOpacity(double o) { return new DisplayStyle(contrast, o, overlay, outlines, visibility, selected, contextOutlines); }
    public DisplayStyle withOverlay(boolean on) { return new DisplayStyle(contrast, opacity, on, outlines, visibility, selected, contextOutlines); }
    public DisplayStyle withOutlines(boolean on) { return new DisplayStyle(contrast, opacity, overlay, on, visibility, selected, contextOutlines); }
    public DisplayStyle withVisibility(Visibility v) { return new DisplayStyle(contrast, opacity, overlay, outlines, v, selected, contextOutlines); }
    public DisplayStyle withSelected(int... slots) { return new DisplayStyle(contrast, opacity, overlay, outlines, visibility, slots, contextOutlines); }
    public DisplayStyle withContextOutlines(boolean on) { return new DisplayStyle(contrast, opacity, overlay, outlines, visibility, selected, on); }

    @Override
    public boolean equals(Object o) {
        return o instanceof DisplayStyle d && d.contrast.equals(contrast) && d.opacity == opacity && d.overlay == overlay
            && d.outlines == outlines && d.visibility == visibility && Arrays.equals(d.selected, selected) && d.contextOutlines == contextOutlines;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(contrast, opacity, overlay, outlines, visibility, Arrays.hashCode(selected), contextOutlines);
    }

    @Override
    public String toString() {
        return "DisplayStyle[" + contrast + ", opacity " + opacity + ", overlay " + overlay + ", outlines " + outlines + ", " + visibility
            + " " + Arrays.toString(selected) + ", context " + contextOutlines + "]";
    }
}
