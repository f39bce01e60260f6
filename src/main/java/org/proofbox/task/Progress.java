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

    /**
     * Prints to {@code log} how long each step (a new message) took once the next begins, for
     * {@code -Dproofbox.timing=true} — where the seconds of a big box go. Thread-safe.
     */
    static Progress timed(java.io.PrintStream log) {
        long start = System.nanoTime();
        return new Progress() {
            private String step;
            private long since = start;

            @Override public synchronized void report(double fraction, String message) {
                int colon = message == null ? -1 : message.indexOf(':');
                if (colon >= 0) message = message.substring(0, colon); // "reading labels: chunk 5 of 9" is one step
                if (message == null || message.equals(step)) return;
                long now = System.nanoTime();
                if (step != null) log.printf(java.util.Locale.ROOT, "proofbox: %-28s %6.2f s (at %.1f s)%n", step, (now - since) / 1e9, (now - start) / 1e9);
                step = message;
                since = now;
            }

            @Override public boolean isCancelled() { return false; }
        };
    }

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
