package org.proofbox.model;

import java.util.Locale;

/** A reviewer's decision on one segment. */
public enum Verdict {
    UNREVIEWED, APPROVED, NEEDS_FIX, SKIPPED;

    /** Name in session files and reports ("needs_fix"). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return switch (this) {
            case UNREVIEWED -> "not reviewed";
            case APPROVED -> "approved";
            case NEEDS_FIX -> "needs fix";
            case SKIPPED -> "skipped";
        };
    }

    public static Verdict ofKey(String key) {
        for (Verdict v : values()) if (v.key().equals(key)) return v;
        throw new IllegalArgumentException("unknown verdict \"" + key + "\"");
    }
}
