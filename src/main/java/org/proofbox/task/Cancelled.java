package org.proofbox.task;

/** Thrown by long-running work when its {@link Progress} reports cancellation. */
public final class Cancelled extends RuntimeException {
    public Cancelled() {
        super("cancelled", null, false, false);
    }
}
