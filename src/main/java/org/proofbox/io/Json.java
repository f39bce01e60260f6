package org.proofbox.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading JSON files with messages that name the file and the place of the problem. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static JsonNode read(Path file) throws ExportException {
        byte[] bytes;
        try {
            bytes = ChunkFiles.read(file); // a FIFO or a folder in its place is an error, never a hang
            if (bytes == null) throw new NoSuchFileException(file.toString());
        } catch (NoSuchFileException e) {
            throw new ExportException(file, "file not found");
        } catch (IOException e) {
            throw new ExportException(file, "cannot read: " + ChunkFiles.reason(e).replace("a chunk file", "a JSON file"), e);
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) throw new ExportException(file, "malformed JSON: the file is empty");
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ExportException(file, "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ExportException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** A required field of an object, or an error naming the file and the JSON path. */
    static JsonNode require(JsonNode parent, String field, Path file, String where) throws ExportException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) throw new ExportException(file, "missing \"" + field + "\" in " + where);
        return n;
    }

    static int[] intArray(JsonNode n, int length, Path file, String what) throws ExportException {
        if (n == null || !n.isArray() || (length > 0 && n.size() != length)) {
            throw new ExportException(file, what + " must be a list of " + (length > 0 ? length + " " : "") + "integers, found " + n);
        }
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = n.get(i);
            if (!v.canConvertToInt() || !v.isIntegralNumber()) throw new ExportException(file, what + " must hold integers, found " + n);
            out[i] = v.intValue();
        }
        return out;
    }
}
