package org.proofbox.model;

/** The QC checks, named as in the report ({@code check} field). */
public enum Check {
    DISCONNECTED("disconnected"), SMALL_FRAGMENT("small_fragment"), HOLE("hole"), ID_SWITCH("id_switch"),
    MEMBRANE_STYLE("membrane_style"), COVERAGE_GAP("coverage_gap"), CUT_BY_BORDER("cut_by_border"), TOUCHING("touching"),
    LOW_CONVEXITY("low_convexity");

    public final String key;

    Check(String key) {
        this.key = key;
    }
}
