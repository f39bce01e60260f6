package org.proofbox.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The user's folders per system, as the XDG base-directory spec and the platforms define them. */
class UserDirsTest {
    @Test
    void linuxFollowsXdgAndIgnoresRelativeValues() {
        assertEquals(Path.of("/home/r/.local/share/proofbox"), UserDirs.resolve(null, Map.of(), "Linux", "/home/r", true));
        assertEquals(Path.of("/home/r/.config/proofbox"), UserDirs.resolve(null, Map.of(), "Linux", "/home/r", false));
        Map<String, String> env = Map.of("XDG_DATA_HOME", "/d", "XDG_CONFIG_HOME", "/c");
        assertEquals(Path.of("/d/proofbox"), UserDirs.resolve(null, env, "Linux", "/home/r", true));
        assertEquals(Path.of("/c/proofbox"), UserDirs.resolve(null, env, "Linux", "/home/r", false));
        Map<String, String> relative = Map.of("XDG_DATA_HOME", "rel/data", "XDG_CONFIG_HOME", "");
        assertEquals(Path.of("/home/r/.local/share/proofbox"), UserDirs.resolve(null, relative, "Linux", "/home/r", true));
        assertEquals(Path.of("/home/r/.config/proofbox"), UserDirs.resolve(null, relative, "Linux", "/home/r", false));
    }

    @Test
    void windowsMacAndTheOverride() {
        assertEquals(Path.of("C:/Users/r/AppData/Roaming/Proofbox"),
            UserDirs.resolve(null, Map.of("APPDATA", "C:/Users/r/AppData/Roaming"), "Windows 11", "C:/Users/r", true));
        assertEquals(Path.of("C:/Users/r", "AppData", "Roaming", "Proofbox"), UserDirs.resolve(null, Map.of(), "Windows 10", "C:/Users/r", false));
        assertEquals(Path.of("/Users/r/Library/Application Support/Proofbox"), UserDirs.resolve(null, Map.of("XDG_DATA_HOME", "/x"), "Mac OS X", "/Users/r", true));
        assertEquals(Path.of("/tmp/mine"), UserDirs.resolve("/tmp/mine", Map.of("XDG_DATA_HOME", "/x"), "Linux", "/home/r", true));
    }
}
