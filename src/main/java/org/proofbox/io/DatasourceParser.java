package org.proofbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;

/**
 * Parses {@code datasource-properties.json} in every variant WEBKNOSSOS and its client write:
 * scale as a list or {@code {factor, unit}}, mags with or without {@code path}, short ("2-2-1")
 * or long ("1-1-1") folder names, the older {@code wkwResolutions} list.
 */
public final class DatasourceParser {
    public static final String PROPERTIES = "datasource-properties.json";

    private DatasourceParser() {}

    /** {@code path} is the export folder or its properties file. */
    public static DatasetInfo parse(Path path) throws ExportException {
        Path file = Files.isDirectory(path) ? path.resolve(PROPERTIES) : path;
        if (!Files.exists(path)) throw new ExportException(path, "no such file or folder");
        if (Files.isDirectory(path) && !Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new ExportException(file, "not found: a WEBKNOSSOS export folder holds " + PROPERTIES);
        }
        Path root = file.toAbsolutePath().getParent();
        JsonNode json = Json.read(file);
        if (!json.isObject()) throw new ExportException(file, "expected a JSON object at the top level");

        String name = Optional.ofNullable(json.get("id")).map(id -> id.path("name").asText(null))
            .orElse(null);
        if (name == null || name.isBlank()) name = root.getFileName() == null ? "export" : root.getFileName().toString();

        VoxelSize voxelSize = parseScale(json.get("scale"), file);
        JsonNode layersNode = Json.require(json, "dataLayers", file, "the datasource");
        if (!layersNode.isArray()) throw new ExportException(file, "\"dataLayers\" must be a list");
        List<LayerInfo> layers = new ArrayList<>();
        for (int i = 0; i < layersNode.size(); i++) layers.add(parseLayer(layersNode.get(i), i, root, file));
        return new DatasetInfo(root, file, name, voxelSize, List.copyOf(layers));
    }

    static VoxelSize parseScale(JsonNode scale, Path file) throws ExportException {
        if (scale == null || scale.isNull()) throw new ExportException(file, "missing \"scale\" (voxel size)");
        JsonNode factor = scale;
        String unit = "nanometer";
        if (scale.isObject()) {
            factor = scale.get("factor");
            if (scale.hasNonNull("unit")) unit = scale.get("unit").asText();
        }
        if (factor == null || !factor.isArray() || factor.size() != 3) {
            throw new ExportException(file, "\"scale\" must be [x, y, z] or {\"factor\": [x, y, z], \"unit\": ...}, found " + scale);
        }
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            if (!factor.get(i).isNumber() || !(factor.get(i).asDouble() > 0)) {
                throw new ExportException(file, "\"scale\" values must be positive numbers, found " + factor);
            }
            v[i] = factor.get(i).asDouble();
        }
        return new VoxelSize(v[0], v[1], v[2], unit);
    }

    private static LayerInfo parseLayer(JsonNode l, int index, Path root, Path file) throws ExportException {
        String where = "dataLayers[" + index + "]";
        if (!l.isObject()) throw new ExportException(file, where + " must be an object");
        JsonNode nameNode = Json.require(l, "name", file, where);
        if (!nameNode.isTextual()) throw new ExportException(file, where + ": \"name\" must be a string, found " + nameNode);
        String name = nameNode.asText();
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\") || name.indexOf('\0') >= 0) {
            throw new ExportException(file, where + ": layer name \"" + name + "\" is not a plain folder name (no \"/\", \"..\" or empty names)");
        }
        where = "layer \"" + name + "\"";
        String category = Json.require(l, "category", file, where).asText();
        String dataFormat = l.hasNonNull("dataFormat") ? l.get("dataFormat").asText() : "wkw";
        String elementClass = Json.require(l, "elementClass", file, where).asText();
        ElementType type = ElementType.fromWk(elementClass);
        int numChannels = l.path("numChannels").asInt(1);
        if ("uint24".equals(elementClass)) { // WEBKNOSSOS' name for three uint8 channels (RGB)
            type = ElementType.UINT8;
            numChannels = 3;
        }
        if (type == null) throw new ExportException(file, where + ": unknown elementClass \"" + elementClass + "\"");

        JsonNode bb = Json.require(l, "boundingBox", file, where);
        int[] tl = Json.intArray(Json.require(bb, "topLeft", file, where + " boundingBox"), 3, file, where + " boundingBox.topLeft");
        int w = size(bb, "width", file, where), h = size(bb, "height", file, where), d = size(bb, "depth", file, where);
        if (tl[0] < 0 || tl[1] < 0 || tl[2] < 0) {
            throw new ExportException(file, where + ": boundingBox.topLeft " + bb.get("topLeft") + " is negative; Proofbox reads boxes at non-negative coordinates");
        }
        int[] size = {w, h, d};
        for (int i = 0; i < 3; i++) {
            if ((long) tl[i] + size[i] > Integer.MAX_VALUE) {
                throw new ExportException(file, where + ": boundingBox ends at " + ((long) tl[i] + size[i]) + " along " + "xyz".charAt(i) + ", beyond 2^31-1");
            }
        }
        Box3 box = new Box3(Vec3.of(tl), new Vec3(w, h, d));

        List<MagInfo> mags = new ArrayList<>();
        JsonNode magsNode = l.get("mags");
        if (magsNode == null || magsNode.isNull()) magsNode = l.get("wkwResolutions");
        if (magsNode == null || !magsNode.isArray() || magsNode.isEmpty()) {
            throw new ExportException(file, where + ": no \"mags\" listed");
        }
        for (JsonNode m : magsNode) {
            JsonNode magNode = m.has("mag") ? m.get("mag") : m.get("resolution");
            Vec3 mag = parseMag(magNode, file, where);
            String p = m.hasNonNull("path") ? m.get("path").asText() : null;
            mags.add(new MagInfo(mag, resolveMagPath(root, name, mag, p, file, where)));
        }

        Optional<Long> largest = Optional.empty();
        JsonNode ls = l.get("largestSegmentId");
        if (ls != null && !ls.isNull()) {
            if (!ls.isIntegralNumber() || ls.bigIntegerValue().signum() < 0 || ls.bigIntegerValue().bitLength() > 64) {
                throw new ExportException(file, where + ": largestSegmentId must be an unsigned 64-bit integer, found " + ls);
            }
            largest = Optional.of(ls.bigIntegerValue().longValue());
        }
        return new LayerInfo(name, category, dataFormat, type, elementClass, numChannels, box, List.copyOf(mags), largest);
    }

    /** A boundingBox extent: an integer in [0, 2^31) exactly (2^32+200 is not 200). */
    private static int size(JsonNode bb, String field, Path file, String where) throws ExportException {
        JsonNode n = Json.require(bb, field, file, where + " boundingBox");
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0) {
            throw new ExportException(file, where + ": boundingBox." + field + " must be an integer from 0 to 2^31-1, found " + n);
        }
        return n.intValue();
    }

    private static Vec3 parseMag(JsonNode n, Path file, String where) throws ExportException {
        if (n != null && n.isInt()) return new Vec3(n.intValue(), n.intValue(), n.intValue());
        if (n != null && n.isTextual()) { // "2-2-1" or "2"
            String[] parts = n.asText().split("-");
            try {
                if (parts.length == 1) { int v = Integer.parseInt(parts[0]); return new Vec3(v, v, v); }
                if (parts.length == 3) return new Vec3(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            } catch (NumberFormatException e) { /* reported below */ }
        }
        int[] m = Json.intArray(n, 3, file, where + " mag");
        if (m[0] < 1 || m[1] < 1 || m[2] < 1) throw new ExportException(file, where + ": mag factors must be >= 1, found " + n);
        return Vec3.of(m);
    }

    private static Path resolveMagPath(Path root, String layer, Vec3 mag, String path, Path file, String where)
            throws ExportException {
        if (path != null) {
            if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !path.startsWith("file://")) {
                throw new ExportException(file, where + ": mag path \"" + path + "\" is remote; Proofbox opens local exports only");
            }
            if (path.startsWith("file://")) path = path.substring("file://".length());
            Path p;
            try {
                p = Path.of(path);
            } catch (java.nio.file.InvalidPathException e) {
                throw new ExportException(file, where + ": mag path \"" + path + "\" is not a valid path");
            }
            if (!p.isAbsolute()) {
                Path direct = root.resolve(p).normalize();
                // Paths are relative to the dataset folder ("./color/1"); some writers make them relative to the layer ("1").
                Path inLayer = root.resolve(layer).resolve(p).normalize();
                p = Files.exists(direct) || !Files.exists(inLayer) ? direct : inLayer;
            }
            p = p.normalize();
            if (!p.startsWith(root.normalize())) {
                throw new ExportException(file, where + ": mag path \"" + path + "\" lies outside the export folder; Proofbox reads and writes only inside it");
            }
            return p;
        }
        MagInfo m = new MagInfo(mag, null);
        Path shortPath = root.resolve(layer).resolve(m.shortName());
        Path longPath = root.resolve(layer).resolve(m.longName());
        Path alt = root.resolve(layer).resolve(mag.x() + "-" + mag.y() + "-" + mag.z());
        if (Files.exists(shortPath)) return shortPath;
        if (Files.exists(longPath)) return longPath;
        if (Files.exists(alt)) return alt;
        return shortPath; // reported when the array is opened
    }
}
