package org.proofbox;

import org.proofbox.cli.Cli;

/**
 * Entry point of {@code proofbox.jar}. A first argument naming a command runs it headless;
 * anything else starts the app. This class must not extend a JavaFX class: with JavaFX on the
 * class path, {@code java -jar} refuses a main class that does.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        if (args.length > 0 && Cli.isCommand(args[0])) {
            Cli.main(args);
        } else {
            org.proofbox.ui.ProofboxApp.start(args);
        }
    }
}
