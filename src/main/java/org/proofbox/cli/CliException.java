package org.proofbox.cli;

/** A usage error of a command: printed as one line, exit code 2. */
public final class CliException extends Exception {
    public CliException(String message) {
        super(message);
    }
}
