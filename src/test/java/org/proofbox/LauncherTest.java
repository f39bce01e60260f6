package org.proofbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a new user sees from the launcher itself, run as its own process: the version, and one line where there is no display. */
class LauncherTest {
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) throws IOException, InterruptedException {
        var cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    @Test
    void versionNamesTheJavaItRunsOn() throws Exception {
        Run r = run("--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("proofbox ") && r.out().contains("Java " + Runtime.version().feature()), r.out());
    }

    @Test
    void withoutADisplayTheAppSaysSoInOneLine() throws Exception {
        Run r = run("assets/sample");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("proofbox: no display") && r.err().contains("help"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void theHeapIsKeptNearItsUseAndAChoiceMadeIsLeftAlone() {
        var vm = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        // nothing in this test JVM sets them (main runs in subprocesses above): Java's defaults are in force
        assertEquals(com.sun.management.VMOption.Origin.DEFAULT, vm.getVMOption("MinHeapFreeRatio").getOrigin());
        assertEquals(com.sun.management.VMOption.Origin.DEFAULT, vm.getVMOption("MaxHeapFreeRatio").getOrigin());
        boolean set = Launcher.keepHeapNearUse();
        assertTrue(set);
        assertEquals("10", vm.getVMOption("MinHeapFreeRatio").getValue());
        assertEquals("25", vm.getVMOption("MaxHeapFreeRatio").getValue());
        assertEquals(false, Launcher.keepHeapNearUse(), "once set, not set again");
    }
}
