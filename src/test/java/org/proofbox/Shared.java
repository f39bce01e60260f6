package org.proofbox;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared (real datasets and anchors) beside the checkout; CI always has it. */
public final class Shared {
    private Shared() {}

    public static Path root() {
        Path p = Path.of(System.getProperty("proofbox.shared", "../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("data"))) {
            throw new IllegalStateException("../shared with the real datasets must sit beside the checkout; not found at " + p);
        }
        return p;
    }

    public static Path data(String name) {
        return root().resolve("data").resolve(name);
    }

    /** The bundled sample in assets/. */
    public static Path sample() {
        return Path.of("assets", "sample").toAbsolutePath();
    }
}
