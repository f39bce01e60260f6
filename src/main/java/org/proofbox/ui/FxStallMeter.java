package org.proofbox.ui;

import javafx.animation.AnimationTimer;

/**
 * With {@code -Dproofbox.traceFx=true}: a frame timer on the FX thread that prints to stderr every
 * gap between two frames longer than 100 ms, and the longest so far — how the FX thread's stalls
 * during a big box's edits are measured (issue 13). Off by default: it keeps a pulse running.
 */
final class FxStallMeter extends AnimationTimer {
    private long last, longest;

    static void startIfAsked() {
        if (Boolean.getBoolean("proofbox.traceFx")) new FxStallMeter().start();
    }

    @Override
    public void handle(long now) {
        if (last != 0) {
            long gap = (now - last) / 1_000_000;
            if (gap > longest) longest = gap;
            if (gap > 100) System.err.println("proofbox: FX thread stalled " + gap + " ms (longest " + longest + " ms)");
        }
        last = now;
    }
}
