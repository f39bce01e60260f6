package org.proofbox.cli;

import org.proofbox.io.SampleLocator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.proofbox.io.Annotation;
import org.proofbox.io.AnnotationZip;
import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.io.Json;
import org.proofbox.io.JsonIds;
import org.proofbox.io.Nml;

/** What the commands share about their input: opening an export or an annotation zip, and describing an annotation. */
final class Inputs {
    private Inputs() {}

    static String value(List<String> a, int i, String cmd, String opt) throws CliException {
        if (i >= a.size()) throw new CliException(cmd + ": " + opt + " needs a value");
        return a.get(i);
    }

    static int intValue(List<String> a, int i, String cmd, String opt) throws CliException {
        String v = value(a, i, cmd, opt);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new CliException(cmd + ": " + opt + " needs a number, got \"" + v + "\"");
        }
    }

    /** An export folder, or a volume-annotation zip with the chosen volume and box; without PATH the bundled sample. */
    static Export open(String path, String volume, Integer box) throws ExportException {
        Path p = path == null ? SampleLocator.find() : Path.of(path);
        if (volume == null && box == null) return org.proofbox.review.Project.open(p); // a folder, or a zip's first volume and box
        if (Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            return AnnotationZip.open(p, volume, box);
        }
        throw new ExportException(p, "--volume and --box apply to volume-annotation zips");
    }

    static ObjectNode annotationJson(Annotation a) {
        return a.json();
    }
}
