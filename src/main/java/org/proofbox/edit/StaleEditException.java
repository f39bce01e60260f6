package org.proofbox.edit;

/** An edit that no longer fits the labels (they changed since it was computed): refused whole, nothing changed. */
public final class StaleEditException extends IllegalStateException {
    public StaleEditException(String message) {
        super(message);
    }
}
