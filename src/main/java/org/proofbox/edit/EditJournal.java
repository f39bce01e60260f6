package org.proofbox.edit;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.proofbox.io.ExportException;
import org.proofbox.store.LabelVolume;

/**
 * The crash journal {@value #NAME} in the export folder: every diff the editor applies (undos as
 * their inverse) is appended and forced to disk before the edit returns, with ids (not slots), so
 * it can be replayed on a fresh load.
 * <p>
 * Layout: a header (magic, box size, the saved state it follows, CRC-32C) and records, each
 * {@code length, crc32c(length, payload), payload}. A payload is an edit or a save marker (the
 * state a save is about to commit). Reading stops at the first record that is cut or fails its
 * checksum and says so; appending first cuts such a tail off. Edits before a marker whose state
 * the export now holds were saved and are not replayed, so a crash between a save's commit and
 * the journal's removal loses nothing and replays nothing twice. A write that fails (disk full)
 * is reported once to the failure handler; the journal then stops (what it holds is a consistent
 * prefix of the edits), and editing goes on.
 */
public final class EditJournal implements LabelEditor.Listener, AutoCloseable {
    public static final String NAME = ".proofbox-journal";
    private static final int MAGIC = 0x50424A32; // "PBJ2"
    private static final byte EDIT = 1, SAVE = 2;
    private static final int MAX_RECORD = 1 << 30;

    /** One journalled diff: description and per voxel (index, id before, id after). */
    public record Entry(String description, long[] voxels, long[] before, long[] after) {}

    /**
     * What a journal holds: the edits not yet saved (in order), how many records were read, and
     * the damage found (null when the journal ends cleanly).
     */
    public record Contents(List<Entry> unsaved, int records, int savedEdits, String damage, boolean followsOtherState) {
        public boolean isEmpty() {
            return unsaved.isEmpty();
        }

        /** One line for the reviewer: how many edits can be recovered, and what was lost or skipped. */
        public String summary() {
            StringBuilder b = new StringBuilder(unsaved.size() + (unsaved.size() == 1 ? " unsaved edit" : " unsaved edits") + " can be recovered");
            if (savedEdits > 0) b.append("; ").append(savedEdits).append(" earlier ones were saved already");
            if (damage != null) b.append("; ").append(damage);
            if (followsOtherState) b.append("; the journal was written against another saved state of the export");
            return b.toString();
        }
    }

    private final Path file;
    private final LabelVolume vol;
    private String state;
    private FileChannel channel;
    private IOException failure;
    private Consumer<IOException> onFailure = e -> { };

    /** @param state the saved state of the export the edits start from ({@link ExportSaver#savedState}) */
    public EditJournal(Path exportRoot, LabelVolume vol, String state) {
        this.file = exportRoot.resolve(NAME);
        this.vol = vol;
        this.state = state == null ? "" : state;
    }

    public Path file() {
        return file;
    }

    /** The first write problem, or null. */
    public synchronized IOException failure() {
        return failure;
    }

    /** Told once, on the thread that wrote, when the journal cannot be written: crash recovery is off from then on. */
    public synchronized void setOnFailure(Consumer<IOException> handler) {
        onFailure = handler;
    }

    /**
     * Most voxels one journalled edit may change (384 MiB of record; replaying holds them in
     * maps). A bigger edit — a 3D fill through the membranes of a 1024³ box changes 10⁸ voxels —
     * stops the journal as a failed write does: what it holds stays a consistent prefix, and the
     * reviewer is told that crash recovery is off until the next save.
     */
    static final int MAX_EDIT_VOXELS = 16 << 20;
    /** {@link #MAX_EDIT_VOXELS}, lower in tests. */
    int maxEditVoxels = MAX_EDIT_VOXELS;

    @Override
    public void applied(String description, VoxelDiff d, IntOpenHashSet touched, boolean undo) {
        if (d.size() > maxEditVoxels) {
            tooLarge(d.size());
            return;
        }
        long[] ids = vol.table().idsBySlot();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 24 * d.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(EDIT);
            writeText(out, description.length() > 10_000 ? description.substring(0, 10_000) : description);
            out.writeInt(d.size());
            for (int i = 0; i < d.size(); i++) {
                out.writeLong(d.voxel(i));
                out.writeLong(ids[d.before(i)]);
                out.writeLong(ids[d.after(i)]);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array does not fail
        }
        append(bytes.toByteArray());
    }

    private synchronized void tooLarge(int voxels) {
        if (failure != null) return;
        failure = new IOException(String.format(java.util.Locale.ROOT, "an edit of %,d voxels is more than the journal takes (%,d)", voxels, maxEditVoxels));
        onFailure.accept(failure);
    }

    /** A save is about to commit {@code newState}: recorded (forced) before the commit point. */
    public void saveBegins(String newState) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(SAVE);
            writeText(out, newState);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        append(bytes.toByteArray());
    }

    private static void writeText(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private synchronized void append(byte[] payload) {
        if (failure != null) return;
        long end = -1;
        try {
            if (channel == null) open();
            end = channel.size();
            ByteBuffer rec = ByteBuffer.allocate(8 + payload.length);
            rec.putInt(payload.length);
            rec.putInt(crc(payload.length, payload));
            rec.put(payload).flip();
            while (rec.hasRemaining()) channel.write(rec, channel.size());
            channel.force(false);
        } catch (IOException e) {
            failure = e;
            try {
                if (channel != null && end >= 0) channel.truncate(end); // no torn record behind the good ones
            } catch (IOException e2) {
                // the reader stops at the torn record anyway
            }
            onFailure.accept(e);
        }
    }

    /** Opens for appending: a journal of this box keeps its good records (a damaged tail is cut off); anything else starts anew. */
    private void open() throws IOException {
        long keep = 0;
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            try {
                Scan s = scan(Files.readAllBytes(file), file, vol);
                keep = s.goodEnd;
            } catch (ExportException e) {
                keep = 0; // not ours, or another box's: the caller offered to set it aside; it is replaced
            }
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (keep > 0) {
            channel.truncate(keep);
            return;
        }
        channel.truncate(0);
        byte[] st = state.getBytes(StandardCharsets.UTF_8);
        ByteBuffer h = ByteBuffer.allocate(4 * 5 + st.length + 4);
        h.putInt(MAGIC).putInt(vol.sizeX()).putInt(vol.sizeY()).putInt(vol.sizeZ()).putInt(st.length).put(st);
        CRC32C c = new CRC32C();
        c.update(h.array(), 0, h.position());
        h.putInt((int) c.getValue()).flip();
        long pos = 0;
        while (h.hasRemaining()) pos += channel.write(h, pos);
    }

    private static int crc(int length, byte[] payload) {
        CRC32C c = new CRC32C();
        c.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        c.update(payload);
        return (int) c.getValue();
    }

    /** Everything was saved as {@code newState}: the journal goes, and a new one follows that state. */
    public synchronized void saved(String newState) throws IOException {
        close();
        state = newState == null ? "" : newState;
        Files.deleteIfExists(file);
        failure = null;
    }

    /** The journal goes (its edits were discarded or set aside). */
    public synchronized void clear() throws IOException {
        close();
        Files.deleteIfExists(file);
        failure = null;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) channel.close();
        channel = null;
    }

    private record Record(byte kind, Entry entry, String state) {}

    private record Scan(String state, List<Record> records, long goodEnd, String damage) {}

    private static Scan scan(byte[] all, Path file, LabelVolume vol) throws ExportException {
        ByteBuffer b = ByteBuffer.wrap(all);
        if (all.length < 24 || b.getInt() != MAGIC) throw new ExportException(file, "not a Proofbox edit journal (or one written by another version)");
        int x = b.getInt(), y = b.getInt(), z = b.getInt(), n = b.getInt();
        if (n < 0 || n > 1024 || b.remaining() < n + 4) throw new ExportException(file, "the journal's header is damaged");
        byte[] st = new byte[n];
        b.get(st);
        CRC32C c = new CRC32C();
        c.update(all, 0, b.position());
        if (b.getInt() != (int) c.getValue()) throw new ExportException(file, "the journal's header is damaged (checksum)");
        if (x != vol.sizeX() || y != vol.sizeY() || z != vol.sizeZ()) {
            throw new ExportException(file, "journal of a " + x + "×" + y + "×" + z + " box does not fit this " + vol.sizeX() + "×" + vol.sizeY() + "×" + vol.sizeZ() + " box");
        }
        List<Record> out = new ArrayList<>();
        String damage = null;
        while (b.hasRemaining()) {
            int at = b.position();
            if (b.remaining() < 8) {
                damage = "the journal ends in a cut record at byte " + at;
                break;
            }
            int len = b.getInt(), sum = b.getInt();
            if (len < 1 || len > MAX_RECORD || len > b.remaining()) {
                damage = "record " + (out.size() + 1) + " (byte " + at + ") is cut or damaged; it and anything after it are lost";
                b.position(at);
                break;
            }
            byte[] payload = new byte[len];
            b.get(payload);
            Record r = sum == crc(len, payload) ? parse(payload) : null;
            if (r == null) {
                damage = "record " + (out.size() + 1) + " (byte " + at + ") fails its checksum; it and anything after it are lost";
                b.position(at);
                break;
            }
            out.add(r);
        }
        return new Scan(new String(st, StandardCharsets.UTF_8), out, b.position(), damage);
    }

    private static Record parse(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            byte kind = in.readByte();
            String text = readText(in, payload.length);
            if (kind == SAVE) return in.available() == 0 ? new Record(SAVE, null, text) : null;
            if (kind != EDIT) return null;
            int n = in.readInt();
            if (n < 0 || (long) n * 24 != in.available()) return null;
            long[] v = new long[n], bf = new long[n], af = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = in.readLong();
                bf[i] = in.readLong();
                af[i] = in.readLong();
            }
            return new Record(EDIT, new Entry(text, v, bf, af), null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String readText(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) throw new IOException("bad text length");
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * What the journal of this box holds, given the export's saved state now: edits before a save
     * marker of that state were saved and are left out. Empty when there is no journal.
     */
    public static Contents read(Path exportRoot, LabelVolume vol, String savedState) throws ExportException {
        Path file = exportRoot.resolve(NAME);
        if (!Files.exists(file)) return new Contents(List.of(), 0, 0, null, false);
        byte[] all;
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > Integer.MAX_VALUE - 16) throw new ExportException(file, "not a Proofbox edit journal");
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ExportException(file, "cannot read the journal: " + e.getMessage(), e);
        }
        Scan s = scan(all, file, vol);
        String now = savedState == null ? "" : savedState;
        List<Entry> unsaved = new ArrayList<>();
        int saved = 0;
        boolean matched = s.state.equals(now);
        for (Record r : s.records) {
            if (r.kind == SAVE) {
                if (r.state.equals(now)) {
                    saved += unsaved.size();
                    unsaved.clear();
                    matched = true;
                }
            } else {
                unsaved.add(r.entry);
            }
        }
        return new Contents(List.copyOf(unsaved), s.records.size(), saved, s.damage, !matched);
    }

    /**
     * Replays journalled entries as one undoable edit. Every voxel must hold the id the journal
     * says it held; otherwise the labels changed outside and nothing is applied.
     */
    public static Edit replay(LabelEditor ed, List<Entry> entries, Path file) throws ExportException {
        LabelVolume vol = ed.volume();
        long voxels = vol.voxelCount();
        // net effect per voxel: first "before", last "after"
        it.unimi.dsi.fastutil.longs.Long2LongLinkedOpenHashMap first = new it.unimi.dsi.fastutil.longs.Long2LongLinkedOpenHashMap();
        it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap last = new it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap();
        for (Entry e : entries) {
            for (int i = 0; i < e.voxels().length; i++) {
                long v = e.voxels()[i];
                if (v < 0 || v >= voxels) throw new ExportException(file, "journal voxel " + v + " outside the box");
                if (!first.containsKey(v)) first.put(v, e.before()[i]);
                last.put(v, e.after()[i]);
            }
        }
        int sx = vol.sizeX(), sy = vol.sizeY();
        long plane = (long) sx * sy;
        VoxelDiff d = new VoxelDiff();
        for (var it = first.long2LongEntrySet().fastIterator(); it.hasNext(); ) {
            var en = it.next();
            long v = en.getLongKey();
            int z = (int) (v / plane), rem = (int) (v % plane);
            long now = vol.idAt(rem % sx, rem / sx, z);
            if (now != en.getLongValue()) {
                throw new ExportException(file, "the labels changed since the journal was written (voxel " + (rem % sx) + ", " + (rem / sx) + ", " + z
                    + " holds " + Long.toUnsignedString(now) + ", the journal expects " + Long.toUnsignedString(en.getLongValue()) + ")");
            }
        }
        for (var it = first.long2LongEntrySet().fastIterator(); it.hasNext(); ) { // only now, when all match, are ids given slots
            long v = it.next().getLongKey();
            int z = (int) (v / plane), rem = (int) (v % plane);
            d.add(v, vol.slotAt(rem % sx, rem / sx, z), ed.slotFor(last.get(v)));
        }
        return new Edit("recovered " + entries.size() + " unsaved edits (" + d.size() + " voxels)", d, List.of());
    }
}
