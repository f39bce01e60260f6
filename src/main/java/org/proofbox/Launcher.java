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
        keepHeapNearUse();
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

    /**
     * G1 grows the heap after a marking cycle until 40 % of it is free (MinHeapFreeRatio) and gives
     * back only beyond 70 % (MaxHeapFreeRatio): a box's labels and raw are gigabytes that stay
     * alive, so the defaults kept several gigabytes committed and idle — the 1024³ box's app peaked
     * at 8.4 GB resident, 7.0 GB with 10 % and 25 % (docs/BENCHMARKS.md). Both flags are manageable,
     * so they are set here unless the command line set them. Returns whether they were set.
     */
    static boolean keepHeapNearUse() {
        try {
            var vm = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (vm == null || vm.getVMOption("MinHeapFreeRatio").getOrigin() != com.sun.management.VMOption.Origin.DEFAULT
                || vm.getVMOption("MaxHeapFreeRatio").getOrigin() != com.sun.management.VMOption.Origin.DEFAULT) return false;
            vm.setVMOption("MinHeapFreeRatio", "10"); // the lower bound first: Min may never exceed Max
            vm.setVMOption("MaxHeapFreeRatio", "25");
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false; // not HotSpot, or no management module: Java's defaults
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
