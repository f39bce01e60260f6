package org.proofbox.io;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the bundled sample export (assets/sample) that the app and commands open when no path is
 * given: beside the jar in a checkout ({@code target/../assets/sample}), inside a packaged app
 * ({@code app/sample}), or in the working directory. {@code -Dproofbox.sample=PATH} overrides.
 */
public final class SampleLocator {
    private SampleLocator() {}

    public static Path find() {
        for (Path p : candidates()) {
            if (Files.isRegularFile(p.resolve("datasource-properties.json"))) return p;
        }
        return Path.of("assets", "sample");
    }

    /**
     * Whether {@code root} is the bundled sample (the one {@link #find} opens): it is kept as
     * shipped — opened read-only, no lock or session written into it (the installation may be
     * read-only, a checkout's {@code assets/sample} is versioned).
     */
    public static boolean isBundled(Path root) {
        try {
            Path sample = find();
            if (!Files.isDirectory(sample) || !Files.isDirectory(root)) return false;
            return Files.isSameFile(sample, root);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String prop = System.getProperty("proofbox.sample");
        if (prop != null) out.add(Path.of(prop));
        try {
            Path code = Path.of(SampleLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(code) ? code : code.getParent(); // target/classes or target/proofbox.jar
            Path d = dir;
            for (int up = 0; up < 3 && d != null; up++, d = d.getParent()) {
                out.add(d.resolve("assets").resolve("sample"));
                out.add(d.resolve("sample"));
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        out.add(Path.of("assets", "sample"));
        return out;
    }
}
