package org.proofbox.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.proofbox.io.AtomicFiles;
import org.proofbox.io.ExportException;
import org.proofbox.io.Json;
import org.proofbox.io.UserDirs;
import org.proofbox.model.QcParameters;

/**
 * What a reviewer sets once and keeps across boxes and runs, per user, in
 * {@code preferences.json} of the config folder ({@link UserDirs#config}): the QC thresholds a box
 * without a saved session is checked with (a session keeps its own), the brush radius, the contrast
 * new boxes open with (automatic from the histogram, or a fixed window), the overlay opacity, the
 * folder the file choosers start in and the recently opened exports (newest first).
 */
public record Preferences(QcParameters qc, int brushRadius, boolean autoContrast, int contrastMin, int contrastMax, double opacity,
                          String lastFolder, List<String> recent) {
    public static final String FILE = "preferences.json";
    public static final String FORMAT = "proofbox-preferences";
    public static final int MAX_RECENT = 10;

    public Preferences {
        if (qc == null) throw new IllegalArgumentException("no QC parameters");
        brushRadius = Math.max(0, Math.min(100, brushRadius));
        contrastMin = Math.max(0, Math.min(254, contrastMin));
        contrastMax = Math.max(contrastMin + 1, Math.min(255, contrastMax));
        opacity = Double.isFinite(opacity) ? Math.max(0, Math.min(1, opacity)) : 0.45;
        recent = List.copyOf(recent);
    }

    public static Preferences defaults() {
        return new Preferences(QcParameters.defaults(), 3, true, 0, 255, 0.45, null, List.of());
    }

    public static Path file() {
        return UserDirs.config().resolve(FILE);
    }

    /** {@code path} first in the recent list (once), the list cut to {@link #MAX_RECENT}. */
    public Preferences withRecent(Path path) {
        String p = path.toAbsolutePath().normalize().toString();
        List<String> r = new ArrayList<>(MAX_RECENT);
        r.add(p);
        for (String s : recent) if (!s.equals(p) && r.size() < MAX_RECENT) r.add(s);
        return new Preferences(qc, brushRadius, autoContrast, contrastMin, contrastMax, opacity, lastFolder, r);
    }

    public Preferences withLastFolder(Path folder) {
        return new Preferences(qc, brushRadius, autoContrast, contrastMin, contrastMax, opacity,
            folder == null ? null : folder.toAbsolutePath().normalize().toString(), recent);
    }

    public Preferences withBrushRadius(int r) {
        return new Preferences(qc, r, autoContrast, contrastMin, contrastMax, opacity, lastFolder, recent);
    }

    /** The preferences read from {@code file}, and what the reviewer is told (null: nothing). */
    public record Loaded(Preferences preferences, String note) {}

    /**
     * Reads {@code file}; a missing file gives the defaults, an unreadable one the defaults and a
     * note, the file moved aside (never overwritten: the reviewer's values stay recoverable).
     */
    public static Loaded load(Path file) {
        if (!Files.exists(file)) return new Loaded(defaults(), null);
        try {
            if (Files.size(file) > 1 << 20) throw new IOException("larger than 1 MiB");
            return new Loaded(parse(Json.MAPPER.readTree(file.toFile())), null);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            try {
                Files.move(file, aside);
                return new Loaded(defaults(), file + ": cannot read the preferences (" + why + "); kept as " + aside.getFileName() + ", defaults used");
            } catch (IOException e2) {
                return new Loaded(defaults(), file + ": cannot read the preferences (" + why + "); defaults used");
            }
        }
    }

    static Preferences parse(JsonNode o) throws IOException {
        if (!o.isObject() || !FORMAT.equals(o.path("format").asText())) throw new IOException("not a " + FORMAT + " file");
        Preferences d = defaults();
        List<String> recent = new ArrayList<>();
        for (JsonNode r : o.path("recent")) if (r.isTextual() && recent.size() < MAX_RECENT) recent.add(r.asText());
        JsonNode c = o.path("contrast");
        return new Preferences(o.has("qcParameters") ? SessionFile.parameters(o.get("qcParameters")) : d.qc(),
            o.path("brushRadius").asInt(d.brushRadius()), c.path("auto").asBoolean(true), c.path("min").asInt(0), c.path("max").asInt(255),
            o.path("opacity").asDouble(d.opacity()), o.path("lastFolder").isTextual() ? o.get("lastFolder").asText() : null, recent);
    }

    public byte[] toBytes() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("format", FORMAT);
        o.put("version", 1);
        o.set("qcParameters", SessionFile.parameters(qc));
        o.put("brushRadius", brushRadius);
        ObjectNode c = o.putObject("contrast");
        c.put("auto", autoContrast);
        c.put("min", contrastMin);
        c.put("max", contrastMax);
        o.put("opacity", opacity);
        if (lastFolder != null) o.put("lastFolder", lastFolder);
        ArrayNode r = o.putArray("recent");
        for (String s : recent) r.add(s);
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes atomically (a crash leaves the old file or the new one), creating the config folder. */
    public void save(Path file) throws ExportException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, toBytes());
        } catch (IOException e) {
            throw new ExportException(file, "cannot save the preferences: " + e.getMessage(), e);
        }
    }
}
