package org.proofbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zarr.zarrjava.store.Store;
import dev.zarr.zarrjava.store.StoreHandle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The {@code zarr-java} stores Proofbox hands to the library, with the two workarounds for its
 * 0.0.9 release kept here and nowhere else:
 * <ul>
 *   <li>{@code zarr.json} is rewritten as it is read: WEBKNOSSOS writes the transpose codec as
 *   {@code "order": "F"}, which the library rejects; it becomes the reversed permutation.</li>
 *   <li>(the partial-read fault is avoided by {@link Zarr3Array} reading one chunk at a time.)</li>
 *   <li>Its zstd codec decodes {@code buffer.array()} whole, which is wrong for the slices the
 *   sharding codec hands it (inner chunks of a shard): {@link SafeZstd} replaces it, copying the
 *   slice first. Found here; a third fault of 0.0.9 besides the two in STACK.md.</li>
 * </ul>
 * Writes of the filesystem store go to a temporary file and an atomic rename, like every write
 * of Proofbox; the zip store is read-only.
 */
final class ZarrStores {
    private ZarrStores() {}

    static {
        dev.zarr.zarrjava.v3.codec.CodecRegistry.addType("zstd", SafeZstd.class);
    }

    /** Makes sure the codec fixes are registered before any array is opened. */
    static void init() {
        // the static initializer does the work
    }

    /** zarr-java's zstd codec, decoding the buffer's remaining bytes rather than its whole backing array. */
    public static final class SafeZstd extends dev.zarr.zarrjava.v3.codec.core.ZstdCodec {
        @com.fasterxml.jackson.annotation.JsonCreator
        public SafeZstd(@com.fasterxml.jackson.annotation.JsonProperty(value = "configuration", required = true) Configuration configuration) {
            super(configuration);
        }

        @Override
        public ByteBuffer decode(ByteBuffer b) throws dev.zarr.zarrjava.ZarrException {
            byte[] c = new byte[b.remaining()];
            b.duplicate().get(c);
            return super.decode(ByteBuffer.wrap(c));
        }
    }

    /** Rewrites {@code "transpose": {"order": "F"|"C"}} (also inside sharding codecs) to a permutation of {@code rank} axes. */
    static byte[] fixMetadata(byte[] json) throws IOException {
        JsonNode root = Json.MAPPER.readTree(json);
        int rank = root.path("shape").size();
        if (!fixCodecs(root.path("codecs"), rank)) return json;
        return Json.MAPPER.writeValueAsBytes(root);
    }

    private static boolean fixCodecs(JsonNode codecs, int rank) {
        boolean changed = false;
        for (JsonNode c : codecs) {
            String name = c.path("name").asText();
            JsonNode conf = c.path("configuration");
            if ("transpose".equals(name) && conf.path("order").isTextual() && conf instanceof ObjectNode o) {
                String order = conf.path("order").asText();
                ArrayNode perm = Json.MAPPER.createArrayNode();
                for (int i = 0; i < rank; i++) perm.add("F".equals(order) ? rank - 1 - i : i);
                o.set("order", perm);
                changed = true;
            } else if ("sharding_indexed".equals(name)) {
                changed |= fixCodecs(conf.path("codecs"), rank);
                changed |= fixCodecs(conf.path("index_codecs"), rank);
            }
        }
        return changed;
    }

    /** Buffers handed to zarr-java are heap buffers over an exact array (some of its codecs call {@code array()}). */
    private static ByteBuffer direct(byte[] b) {
        return ByteBuffer.wrap(b);
    }

    /** Bytes [start, end) of b; a negative start counts from the end (zarr-java reads a shard index as a suffix). */
    private static ByteBuffer slice(ByteBuffer b, long start, long end) {
        if (b == null) return null;
        long st = start < 0 ? Math.max(0, b.limit() + start) : start;
        int s = (int) Math.min(st, b.limit()), e = end < 0 ? b.limit() : (int) Math.min(end, b.limit());
        byte[] out = new byte[Math.max(0, e - s)];
        b.duplicate().position(s).get(out); // a copy, not a slice: codecs read backing arrays from index 0
        return ByteBuffer.wrap(out);
    }

    /** A folder on disk. */
    static final class Folder implements Store, Store.ListableStore {
        private final Path root;
        /** Where writes go: straight to disk, or into the save's transaction while one is writing through this store. */
        volatile FileWrites writes = FileWrites.DIRECT;

        Folder(Path root) {
            this.root = root;
        }

        private Path path(String[] keys) {
            Path p = root;
            for (String k : keys) p = p.resolve(k);
            return p;
        }

        @Override public boolean exists(String[] keys) {
            Path p = path(keys);
            try {
                byte[] st = writes.staged(p);
                if (st != null) return st != FileWrites.DELETED;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Files.exists(p);
        }

        @Override public ByteBuffer get(String[] keys) {
            Path p = path(keys);
            try {
                byte[] b = writes.staged(p);
                if (b == FileWrites.DELETED) return null;
                if (b == null) b = ChunkFiles.read(p);
                if (b == null) return null;
                if (keys.length > 0 && keys[keys.length - 1].equals("zarr.json")) b = fixMetadata(b);
                return direct(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public ByteBuffer get(String[] keys, long start) {
            return slice(get(keys), start, -1);
        }

        @Override public ByteBuffer get(String[] keys, long start, long end) {
            return slice(get(keys), start, end);
        }

        @Override public void set(String[] keys, ByteBuffer bytes) {
            Path p = path(keys);
            byte[] b = new byte[bytes.remaining()];
            bytes.duplicate().get(b);
            try {
                writes.write(p, b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public void delete(String[] keys) {
            try {
                writes.delete(path(keys));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public Stream<String> list(String[] keys) {
            try (Stream<Path> s = Files.list(path(keys))) {
                return s.map(x -> x.getFileName().toString()).toList().stream();
            } catch (IOException e) {
                return Stream.empty();
            }
        }

        @Override public StoreHandle resolve(String... keys) {
            return new StoreHandle(this, keys);
        }

        @Override public String toString() {
            return root.toString();
        }
    }

    /** Entries of an (inner) zip below a prefix, read on demand without extracting. Read-only. */
    static final class InZip implements Store, Store.ListableStore {
        private final ZipFile zip;
        private final String prefix;
        private final Path display;

        private final InZip writesTo;   // a view shares its parent's sink
        private final java.util.function.UnaryOperator<ObjectNode> metaFix; // a view: arrays read through it see their zarr.json changed so

        InZip(ZipFile zip, String prefix, Path display) {
            this(zip, prefix, display, null, null);
        }

        private InZip(ZipFile zip, String prefix, Path display, InZip writesTo, java.util.function.UnaryOperator<ObjectNode> metaFix) {
            this.zip = zip;
            this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
            this.display = display;
            this.writesTo = writesTo;
            this.metaFix = metaFix;
        }

        /**
         * The same entries and writes, with arrays declaring {@code fill} as their fill value: an
         * array opened through it writes a chunk of zeros instead of dropping it as "all fill" —
         * over a fallback layer an unstored bucket means "the dataset's voxels", so an erased bucket
         * must stay stored. The bytes are those the real metadata decodes (fill is not encoded).
         */
        InZip withFill(long fill) {
            return new InZip(zip, prefix, display, this, root -> root.put("fill_value", fill));
        }

        /** The same entries and writes, arrays without {@code dimension_names} given {@code names} (an OME-Zarr's axes, read by name). */
        InZip withDimensionNames(java.util.List<String> names) {
            return new InZip(zip, prefix, display, this, root -> {
                if (!root.path("dimension_names").isArray() && root.path("shape").size() == names.size()) {
                    ArrayNode a = root.putArray("dimension_names");
                    names.forEach(a::add);
                }
                return root;
            });
        }

        /** Whether writes are being collected (a new annotation zip is being made). */
        boolean writable() {
            return sink() != null;
        }

        private java.util.Map<String, byte[]> sink() {
            return writesTo != null ? writesTo.sink() : sink;
        }

        private String name(String[] keys) {
            return prefix + String.join("/", keys);
        }

        /** Writes into memory (entry name → bytes, {@link FileWrites#DELETED} for a removed entry); null: read-only. */
        volatile java.util.Map<String, byte[]> sink;

        @Override public boolean exists(String[] keys) {
            java.util.Map<String, byte[]> w = sink();
            if (w != null && w.containsKey(name(keys))) return w.get(name(keys)) != FileWrites.DELETED;
            return zip.getEntry(name(keys)) != null;
        }

        @Override public ByteBuffer get(String[] keys) {
            java.util.Map<String, byte[]> w = sink();
            if (w != null && w.containsKey(name(keys))) {
                byte[] b = w.get(name(keys));
                return b == FileWrites.DELETED ? null : direct(b);
            }
            ZipArchiveEntry e = zip.getEntry(name(keys));
            if (e == null) return null;
            try (InputStream in = zip.getInputStream(e)) {
                byte[] b = ZipSafety.readAll(in, e, display);
                if (keys.length > 0 && keys[keys.length - 1].equals("zarr.json")) {
                    b = fixMetadata(b);
                    if (metaFix != null && Json.MAPPER.readTree(b) instanceof ObjectNode root && "array".equals(root.path("node_type").asText())) {
                        b = Json.MAPPER.writeValueAsBytes(metaFix.apply(root));
                    }
                }
                return direct(b);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override public ByteBuffer get(String[] keys, long start) {
            return slice(get(keys), start, -1);
        }

        @Override public ByteBuffer get(String[] keys, long start, long end) {
            return slice(get(keys), start, end);
        }

        @Override public void set(String[] keys, ByteBuffer bytes) {
            java.util.Map<String, byte[]> w = sink();
            if (w == null) throw new UnsupportedOperationException("a volume annotation zip is read-only: " + display);
            byte[] b = new byte[bytes.remaining()];
            bytes.duplicate().get(b);
            w.put(name(keys), b);
        }

        @Override public void delete(String[] keys) {
            java.util.Map<String, byte[]> w = sink();
            if (w == null) throw new UnsupportedOperationException("a volume annotation zip is read-only: " + display);
            w.put(name(keys), FileWrites.DELETED);
        }

        @Override public Stream<String> list(String[] keys) {
            String p = name(keys);
            String dir = p.isEmpty() || p.endsWith("/") ? p : p + "/";
            java.util.Set<String> out = new java.util.TreeSet<>();
            for (var en = zip.getEntries(); en.hasMoreElements(); ) {
                String n = en.nextElement().getName();
                if (n.startsWith(dir) && n.length() > dir.length()) out.add(n.substring(dir.length()).split("/")[0]);
            }
            return out.stream();
        }

        @Override public StoreHandle resolve(String... keys) {
            return new StoreHandle(this, keys);
        }

        @Override public String toString() {
            return display + "!/" + prefix;
        }
    }
}
