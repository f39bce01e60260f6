package org.proofbox.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.proofbox.algo.mesh.MeshFiles;
import org.proofbox.algo.mesh.SegmentMesher;
import org.proofbox.algo.mesh.SurfaceMesh;
import org.proofbox.io.AtomicFiles;
import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.model.SegmentIds;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/** {@code proofbox mesh PATH --segment ID [--segment ID…] --out FILE.stl|FILE.ply}: the segments' surfaces in nm. */
final class MeshCommand {
    static final String USAGE = "mesh [PATH|ANNOTATION.zip] --segment ID [--segment ID ...] --out FILE.stl|FILE.ply [--volume NAME] [--box ID] " + Inputs.SOURCE_USAGE;

    private MeshCommand() {}

    static int run(List<String> args, PrintStream out) throws ExportException, CliException {
        String path = null, outFile = null, volume = null;
        Integer boxId = null;
        List<Long> ids = new ArrayList<>();
        Inputs.SourceArgs src = new Inputs.SourceArgs();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int j = Inputs.sourceOption(args, i, "mesh", src);
            if (j >= 0) {
                i = j;
                continue;
            }
            switch (a) {
                case "--segment" -> {
                    String v = Inputs.value(args, ++i, "mesh", a);
                    try {
                        ids.add(SegmentIds.parse(v));
                    } catch (IllegalArgumentException e) {
                        throw new CliException("mesh: --segment " + v + " is not a segment id (0 < id < 2^64)");
                    }
                }
                case "--out" -> outFile = Inputs.value(args, ++i, "mesh", a);
                case "--volume" -> volume = Inputs.value(args, ++i, "mesh", a);
                case "--box" -> boxId = Inputs.intValue(args, ++i, "mesh", a);
                default -> {
                    if (a.startsWith("-")) throw new CliException("mesh: unknown option " + a + " (usage: " + USAGE + ")");
                    if (path != null) throw new CliException("mesh: more than one PATH given");
                    path = a;
                }
            }
        }
        if (ids.isEmpty()) throw new CliException("mesh: no --segment given (usage: " + USAGE + ")");
        if (outFile == null) throw new CliException("mesh: no --out FILE.stl or FILE.ply given");
        Path target = Path.of(outFile).toAbsolutePath();
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean stl = name.endsWith(".stl");
        if (!stl && !name.endsWith(".ply")) throw new CliException("mesh: " + outFile + ": the output must end in .stl or .ply");
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) throw new CliException("mesh: " + outFile + ": its folder does not exist");
        if (Files.isDirectory(target)) throw new CliException("mesh: " + outFile + " is a folder");
        Export export = Inputs.open(path, volume, boxId, src);
        LoadedBox box = LoadedBox.load(export, Runtime.getRuntime().availableProcessors(), Progress.NONE);
        var vs = export.info().voxelSize();
        List<MeshFiles.Solid> solids = new ArrayList<>();
        for (long id : ids) {
            int slot = box.labels().table().findSlot(id);
            if (slot <= 0 || box.index().voxels(slot) == 0) {
                throw new CliException("mesh: " + export.info().root() + ": no segment " + SegmentIds.toString(id) + " in this box");
            }
            long t0 = System.nanoTime();
            List<SurfaceMesh> pieces = SegmentMesher.mesh(box.labels(), box.index(), slot, vs, Progress.NONE);
            long tris = pieces.stream().mapToLong(SurfaceMesh::triangleCount).sum();
            out.printf(Locale.ROOT, "segment %s: %,d voxels, %d piece%s, %,d triangles%s, %.1f ms%n", SegmentIds.toString(id), box.index().voxels(slot),
                pieces.size(), pieces.size() == 1 ? "" : "s", tris, pieces.get(0).factor() > 1 ? " (in " + pieces.get(0).factor() + "³ blocks)" : "",
                (System.nanoTime() - t0) / 1e6);
            solids.add(new MeshFiles.Solid(id, pieces));
        }
        try {
            AtomicFiles.write(target, stl ? MeshFiles.stl(solids) : MeshFiles.ply(solids));
        } catch (IOException e) {
            throw new CliException("mesh: " + outFile + ": cannot write: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException("mesh: " + outFile + ": " + e.getMessage());
        }
        out.println("wrote " + target + " (nm)");
        return 0;
    }
}
