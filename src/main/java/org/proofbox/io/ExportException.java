package org.proofbox.io;

import java.nio.file.Path;

/**
 * A problem with the input that the user must see: which file, and what is wrong with it. The
 * message is one line meant for people, so that the CLI and dialogs can show it as it is.
 */
public final class ExportException extends Exception {
    private final Path file;
    private final String problem;

    public ExportException(Path file, String problem) {
        this(file, problem, null);
    }

    public ExportException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public String problem() {
        return problem;
    }
}
