package org.proofbox.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layer rule of docs/ARCHITECTURE.md, checked on the sources: each package may use only the
 * packages listed for it, and javafx only in ui.
 */
class LayerRuleTest {
    static final Map<String, Set<String>> ALLOWED = Map.of(
        "model", Set.of(),
        "task", Set.of(),
        "io", Set.of("model"),
        "store", Set.of("model", "io", "task"),
        "algo", Set.of("model", "io", "store", "task"),
        "edit", Set.of("model", "io", "store", "algo", "task"),
        "review", Set.of("model", "io", "store", "algo", "edit", "task"),
        "render", Set.of("model", "io", "store", "algo", "edit", "review", "task"),
        "cli", Set.of("model", "io", "store", "algo", "edit", "review", "render", "task"),
        "ui", Set.of("model", "io", "store", "algo", "edit", "review", "render", "task")); // not cli: what both use lives below them

    static final Pattern REF = Pattern.compile("\\borg\\.proofbox\\.(\\w+)\\.");

    @Test
    void packagesUseOnlyTheLayersBelowThem() throws IOException {
        Path src = Path.of("src/main/java/org/proofbox");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Path rel = src.relativize(f);
                if (rel.getNameCount() < 2) continue; // Launcher
                String pkg = rel.getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(rel + ": package " + pkg + " is not in the layer table");
                    continue;
                }
                String text = Files.readString(f);
                if (!pkg.equals("ui") && text.contains("javafx.")) violations.add(rel + ": uses javafx outside ui");
                Matcher m = REF.matcher(text);
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !allowed.contains(used)) violations.add(rel + ": " + pkg + " uses " + used);
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
