package org.proofbox.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The user's own folders, the only places Proofbox writes outside an export: the data folder
 * (review sessions of exports it may not write into, such as the bundled sample) and the config
 * folder (preferences, recent files). Linux follows the XDG base directories
 * ({@code $XDG_DATA_HOME/proofbox}, default {@code ~/.local/share/proofbox}; {@code $XDG_CONFIG_HOME/proofbox},
 * default {@code ~/.config/proofbox}); Windows uses {@code %APPDATA%\Proofbox}, macOS
 * {@code ~/Library/Application Support/Proofbox} for both. {@code -Dproofbox.dataDir} and
 * {@code -Dproofbox.configDir} override them (the tests point them into {@code target/}).
 */
public final class UserDirs {
    private UserDirs() {}

    public static Path data() {
        return resolve(System.getProperty("proofbox.dataDir"), System.getenv(), System.getProperty("os.name", ""), home(), true);
    }

    public static Path config() {
        return resolve(System.getProperty("proofbox.configDir"), System.getenv(), System.getProperty("os.name", ""), home(), false);
    }

    /** {@code $HOME} where it is set (the XDG defaults are relative to it; Java's user.home comes from the password file), else user.home. */
    private static String home() {
        String h = System.getenv("HOME");
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return !windows && h != null && !h.isBlank() && Path.of(h).isAbsolute() ? h : System.getProperty("user.home");
    }

    /** Where sessions went before the data folder (still read when a session is there). */
    public static Path legacySessions() {
        return Path.of(System.getProperty("user.home"), ".proofbox", "sessions");
    }

    static Path resolve(String override, Map<String, String> env, String os, String home, boolean data) {
        if (override != null && !override.isBlank()) return Path.of(override);
        String name = os.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData != null && !appData.isBlank() ? Path.of(appData) : Path.of(home, "AppData", "Roaming")).resolve("Proofbox");
        }
        if (name.startsWith("mac")) return Path.of(home, "Library", "Application Support", "Proofbox");
        String xdg = env.get(data ? "XDG_DATA_HOME" : "XDG_CONFIG_HOME");
        // the XDG spec: a relative path in these variables is invalid and must be ignored
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "proofbox");
        return data ? Path.of(home, ".local", "share", "proofbox") : Path.of(home, ".config", "proofbox");
    }
}
