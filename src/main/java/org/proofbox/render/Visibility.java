package org.proofbox.render;

/** Which segments the overlay fills: the guide's "selective visibility" is {@link #ONLY_SELECTED}. */
public enum Visibility {
    ALL("All segments"), ONLY_SELECTED("Only selected"), ALL_BUT_SELECTED("All but selected");

    public final String label;

    Visibility(String label) {
        this.label = label;
    }
}
