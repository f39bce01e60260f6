package org.proofbox.model;

/** A reviewer's verdict on one segment with the comment given with it (empty when none). */
public record Decision(Verdict verdict, String comment) {
    public Decision {
        comment = comment == null ? "" : comment;
    }

    /** Whether there is anything to record: a verdict other than "not reviewed", or a comment. */
    public boolean said() {
        return verdict != Verdict.UNREVIEWED || !comment.isEmpty();
    }
}
