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
            // Mesa's software OpenGL (llvmpipe: virtual machines, remote desktops, Xvfb) is refused by
            // JavaFX unless forced; forcing it on a real GPU's blocklisted driver could do harm, so the
            // reviewer asks for it: PROOFBOX_FORCE_GPU=1 (the 3D view then works there)
            if ("1".equals(System.getenv("PROOFBOX_FORCE_GPU")) && System.getProperty("prism.forceGPU") == null) System.setProperty("prism.forceGPU", "true");
            org.proofbox.ui.ProofboxApp.start(args);
        }
    }
}
