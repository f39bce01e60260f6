package org.proofbox.io;

import java.nio.file.Path;

/** Test exports in src/test/resources/fixtures (written by numpy, see src/test/python/make_fixtures.py). */
public final class Fixtures {
    private Fixtures() {}

    public static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("fixture " + name, e);
        }
    }
}
