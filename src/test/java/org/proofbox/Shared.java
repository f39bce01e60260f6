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

    /** Every file under {@code root} with its size and modification time (to show nothing was written). */
    public static java.util.Map<String, String> listing(Path root) throws java.io.IOException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                out.put(root.relativize(p).toString(),
                    java.nio.file.Files.isDirectory(p) ? "dir" : java.nio.file.Files.size(p) + "@" + java.nio.file.Files.getLastModifiedTime(p));
            }
        }
        return out;
    }
}
