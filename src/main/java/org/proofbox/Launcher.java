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
        } else if (args.length > 0 && (args[0].equals("--version") || args[0].equals("-V"))) {
            String v = Launcher.class.getPackage().getImplementationVersion();
            System.out.println("proofbox " + (v == null ? "(development build)" : v) + ", Java " + Runtime.version());
        } else if (noDisplay()) {
            System.err.println("proofbox: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set); "
                + "the commands run without one: java -jar proofbox.jar help");
            System.exit(2);
        } else {
            // Mesa's software OpenGL (llvmpipe: virtual machines, remote desktops, Xvfb) is refused by
            // JavaFX unless forced; forcing it on a real GPU's blocklisted driver could do harm, so the
            // reviewer asks for it: PROOFBOX_FORCE_GPU=1 (the 3D view then works there)
            if ("1".equals(System.getenv("PROOFBOX_FORCE_GPU")) && System.getProperty("prism.forceGPU") == null) System.setProperty("prism.forceGPU", "true");
            org.proofbox.ui.ProofboxApp.start(args);
        }
    }

    /** Linux and other X11 systems without a display server to talk to (an ssh session, a container, CI). */
    private static boolean noDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) return false;
        if ("Monocle".equals(System.getProperty("glass.platform"))) return false; // headless tests
        return blank(System.getenv("DISPLAY")) && blank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
