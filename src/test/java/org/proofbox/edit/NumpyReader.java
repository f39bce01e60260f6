package org.proofbox.edit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.proofbox.Shared;

/** The independent numpy reader (../shared/tools/wkref.py) from the tests: one Python process for many exports. */
final class NumpyReader {
    private NumpyReader() {}

    /** "old", "new" or "mixed …" for each export, by its mag-1 labels compared with the two references. */
    static List<String> classify(List<Path> exports, Path oldRef, Path newRef) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", "src/test/python/classify_exports.py", Shared.root().toString(), oldRef.toString(), newRef.toString()));
        for (Path p : exports) cmd.add(p.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) throw new AssertionError("classify_exports.py failed: " + out);
        List<String> lines = out.isEmpty() ? List.of() : List.of(out.split("\n"));
        if (lines.size() != exports.size()) throw new AssertionError("classify_exports.py: " + out);
        return lines;
    }
}
