package org.proofbox.task;

/**
 * What a long-running computation sees of its caller: where to report progress and whether it
 * should stop. Algorithms call {@link #checkCancelled()} at a coarse grain (a plane, a chunk).
 */
public interface Progress {
    /** Reports the fraction done (0..1) and a short description of the current step. */
    void report(double fraction, String message);

    boolean isCancelled();

    default void checkCancelled() {
        if (isCancelled()) throw new Cancelled();
    }

    /** A sink that ignores reports and never cancels. */
    Progress NONE = new Progress() {
        @Override public void report(double fraction, String message) {}
        @Override public boolean isCancelled() { return false; }
    };

    /** A view that passes cancellation on but no reports: for helper threads beside the one that reports. */
    default Progress quiet() {
        Progress outer = this;
        return new Progress() {
            @Override public void report(double fraction, String message) {}
            @Override public boolean isCancelled() { return outer.isCancelled(); }
        };
    }

    /** A view of this progress that maps 0..1 onto {@code from..to}. */
    default Progress sub(double from, double to) {
        Progress outer = this;
        return new Progress() {
            @Override public void report(double fraction, String message) { outer.report(from + (to - from) * fraction, message); }
            @Override public boolean isCancelled() { return outer.isCancelled(); }
        };
    }
}
