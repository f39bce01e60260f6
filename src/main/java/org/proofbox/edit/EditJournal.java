package org.proofbox.edit;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.proofbox.io.ExportException;
import org.proofbox.store.LabelVolume;

/**
 * The crash journal: every diff the editor applies (undos included, as their inverse) is appended
 * to {@value #NAME} in the export folder and forced to disk before the edit returns, with ids
 * (not slots) so that it can be replayed on a fresh load. Deleted after a successful save. On
 * reopen, {@link #read} gives the unsaved edits back; a torn last record (crash mid-write) is
 * ignored.
 */
public final class EditJournal implements LabelEditor.Listener, AutoCloseable {
    public static final String NAME = ".proofbox-journal";
    private static final int MAGIC = 0x50424A31; // "PBJ1"

    /** One journalled diff: description and per voxel (index, id before, id after). */
    public record Entry(String description, long[] voxels, long[] before, long[] after) {}

    private final Path file;
    private final LabelVolume vol;
    private FileChannel channel;
    private DataOutputStream out;
    private IOException failure;

    public EditJournal(Path exportRoot, LabelVolume vol) {
        this.file = exportRoot.resolve(NAME);
        this.vol = vol;
    }

    public Path file() {
        return file;
    }

    /** The first write problem, or null: the UI warns that crash recovery is off. */
    public IOException failure() {
        return failure;
    }

    @Override
    public void applied(String description, VoxelDiff d, IntOpenHashSet touched, boolean undo) {
        if (failure != null) return;
        try {
            if (out == null) open();
            long[] ids = vol.table().idsBySlot();
            out.writeByte(1);
            out.writeUTF(description.length() > 10_000 ? description.substring(0, 10_000) : description);
            out.writeInt(d.size());
            for (int i = 0; i < d.size(); i++) {
                out.writeLong(d.voxel(i));
                out.writeLong(ids[d.before(i)]);
                out.writeLong(ids[d.after(i)]);
            }
            out.writeByte(0x7E); // end of record
            out.flush();
            channel.force(false);
        } catch (IOException e) {
            failure = e;
        }
    }

    private void open() throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
        if (fresh) {
            out.writeInt(MAGIC);
            out.writeInt(vol.sizeX());
            out.writeInt(vol.sizeY());
            out.writeInt(vol.sizeZ());
        }
    }

    /** Everything was saved: the journal goes. */
    public void clear() throws IOException {
        close();
        Files.deleteIfExists(file);
        failure = null;
    }

    @Override
    public void close() throws IOException {
        if (out != null) out.close();
        out = null;
        channel = null;
    }

    /** The journalled edits of a box of this size, or an empty list when there is no journal. */
    public static List<Entry> read(Path exportRoot, LabelVolume vol) throws ExportException {
        Path file = exportRoot.resolve(NAME);
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) throw new ExportException(file, "not a Proofbox edit journal");
            int x = in.readInt(), y = in.readInt(), z = in.readInt();
            if (x != vol.sizeX() || y != vol.sizeY() || z != vol.sizeZ()) {
                throw new ExportException(file, "journal of a " + x + "×" + y + "×" + z + " box does not fit this " + vol.sizeX() + "×" + vol.sizeY() + "×" + vol.sizeZ() + " box");
            }
            while (true) {
                int kind;
                try {
                    kind = in.readByte();
                } catch (EOFException e) {
                    break;
                }
                if (kind != 1) throw new ExportException(file, "corrupt journal record");
                try {
                    String desc = in.readUTF();
                    int n = in.readInt();
                    if (n < 0) throw new ExportException(file, "corrupt journal record");
                    long[] v = new long[n], b = new long[n], a = new long[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = in.readLong();
                        b[i] = in.readLong();
                        a[i] = in.readLong();
                    }
                    if (in.readByte() != 0x7E) break; // torn record
                    out.add(new Entry(desc, v, b, a));
                } catch (EOFException e) {
                    break; // the last record was cut by a crash
                }
            }
        } catch (EOFException e) {
            throw new ExportException(file, "journal header is truncated");
        } catch (IOException e) {
            throw new ExportException(file, "cannot read the journal: " + e.getMessage(), e);
        }
        return out;
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
            d.add(v, vol.slotAt(rem % sx, rem / sx, z), ed.slotFor(last.get(v)));
        }
        return new Edit("recovered " + entries.size() + " unsaved edits (" + d.size() + " voxels)", d, List.of());
    }
}
