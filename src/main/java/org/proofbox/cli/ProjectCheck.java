package org.proofbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.proofbox.io.ExportException;
import org.proofbox.io.Json;
import org.proofbox.model.QcParameters;
import org.proofbox.review.Consistency;
import org.proofbox.review.Project;
import org.proofbox.task.Progress;

/**
 * {@code proofbox check BOX BOX… | FOLDER} and {@code check --merge BOX.json…} (issue 16): the
 * project check ({@link Project}) and its report, as JSON or a table.
 * The per-box JSON ({@code check BOX --json}) is the unit of work: a cluster's job runner can make
 * one per box and {@code --merge} gives the same report as a direct run.
 */
final class ProjectCheck {
    private ProjectCheck() {}

    /**
     * The boxes of a project run, or null for a single-box check: several PATHs, or one folder
     * that is not an export itself (its exports and annotation zips, by name).
     */
    static List<Path> boxes(List<String> paths) throws ExportException {
        if (paths.size() > 1) return paths.stream().map(Path::of).toList();
        if (paths.isEmpty() || !Project.isProjectFolder(Path.of(paths.get(0)))) return null;
        return Project.boxesIn(Path.of(paths.get(0)));
    }

    static int run(List<Path> boxes, QcParameters p, Integer jobs, boolean json, String html, PrintStream out, PrintStream err) throws ExportException {
        java.util.Map<String, String> links = new java.util.concurrent.ConcurrentHashMap<>();
        Project.BoxHook hook = null;
        Path dash = html == null ? null : Path.of(html).toAbsolutePath();
        if (dash != null) { // each box's own report, with crops, in a folder beside the dashboard
            String stem = dash.getFileName().toString().replaceFirst("\\.html?$", "");
            Path dir = dash.resolveSibling(stem + "-boxes");
            hook = (i, box, r) -> {
                try {
                    java.nio.file.Files.createDirectories(dir);
                } catch (java.io.IOException e) {
                    throw new ExportException(dir, "cannot make the folder for the boxes' reports: " + e.getMessage(), e);
                }
                Path f = dir.resolve(String.format(Locale.ROOT, "%02d-%s.html", i + 1, boxes.get(i).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_")));
                org.proofbox.render.SliceData data = org.proofbox.render.SliceDataLoader.load(box, 1, Progress.NONE);
                org.proofbox.render.HtmlReport.write(f, box, data, r, null);
                links.put(box.export().info().root().toString(), dir.getFileName() + "/" + f.getFileName());
            };
        }
        ObjectNode report = Project.check(boxes, p, jobs, Progress.NONE, f -> err.println("proofbox: " + f.error()), hook);
        if (dash != null) org.proofbox.render.ProjectReport.write(dash, report, links);
        return finish(report, json, out);
    }

    static int merge(List<String> files, boolean json, String html, PrintStream out) throws CliException, ExportException {
        if (files.isEmpty()) throw new CliException("check --merge: which per-box JSON files? (made by check BOX --json)");
        List<JsonNode> boxes = new ArrayList<>();
        for (String f : files) {
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(Path.of(f).toFile());
            } catch (IOException e) {
                throw new CliException("check --merge: " + f + ": not readable JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (n == null || !n.has("metrics") || !n.has("summary")) {
                throw new CliException("check --merge: " + f + ": not the JSON of proofbox check BOX --json (no metrics or summary)");
            }
            boxes.add(n);
        }
        ObjectNode report = Consistency.report(boxes, List.of(), Consistency.Rules.defaults());
        if (html != null) org.proofbox.render.ProjectReport.write(Path.of(html), report, java.util.Map.of()); // no crops: only the JSON is here
        return finish(report, json, out);
    }

    private static int finish(ObjectNode report, boolean json, PrintStream out) {
        if (json) out.println(report);
        else print(report, out);
        JsonNode sum = report.get("summary");
        if (sum.get("failed").asInt() > 0) return 2;
        return sum.get("errors").asInt() > 0 ? 1 : 0;
    }

    private static void print(ObjectNode r, PrintStream out) {
        out.printf(Locale.ROOT, "%-28s %-6s %7s %9s %9s %8s %10s %9s %7s %7s%n", "box", "style", "gap nm", "labelled", "segments", "seg/µm³",
            "frag/1000", "hole/1000", "errors", "warn");
        for (JsonNode b : r.get("boxes")) {
            JsonNode m = b.get("metrics");
            out.printf(Locale.ROOT, "%-28s %-6s %7s %8.1f%% %9d %8.1f %10.1f %9.1f %7d %7d%n", cut(label(b)), m.path("membraneStyle").asText(),
                m.path("medianGapNm").isNumber() ? String.format(Locale.ROOT, "%.1f", m.get("medianGapNm").asDouble()) : "-",
                100 * m.path("labelledFraction").asDouble(), m.path("segments").asInt(), m.path("segmentsPerUm3").asDouble(),
                m.path("fragmentsPer1000Segments").asDouble(), m.path("holesPer1000Segments").asDouble(),
                b.path("summary").path("errors").asInt(), b.path("summary").path("warnings").asInt());
        }
        for (JsonNode f : r.get("failed")) out.println("FAILED " + f.get("path").asText() + ": " + f.get("error").asText());
        JsonNode c = r.get("consistency");
        out.println(c.size() == 0 ? "consistency: no box differs from the others by the rules (--json states them)" : "consistency findings:");
        for (JsonNode f : c) out.printf(Locale.ROOT, "  %-8s %-16s %s: %s%n", f.get("severity").asText(), f.get("rule").asText(), label(f), f.get("detail").asText());
        for (JsonNode n : r.get("notes")) out.println("  note: " + n.asText());
    }

    /** A box as the table names it: its folder or zip (copies of one dataset share its name). */
    private static String label(JsonNode n) {
        Path p = Path.of(n.path("path").asText(""));
        return p.getFileName() == null ? n.path("name").asText() : p.getFileName().toString();
    }

    private static String cut(String s) {
        return s.length() <= 28 ? s : s.substring(0, 27) + "…";
    }
}
