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

    /**
     * What a command was told about where its data come from beyond PATH: for a TIFF cutout
     * {@code --raw COLOR}, {@code --offset X,Y,Z}, {@code --voxel-size X,Y,Z}; for an annotation zip
     * {@code --dataset DIR} (a local copy of its dataset: EM and fallback segmentation).
     */
    static final class SourceArgs {
        Path dataset;
        Path raw;
        org.proofbox.model.Vec3 mag; // --mag: review the labels at this mag of the layer (issue 15)
        org.proofbox.model.Vec3 offset;
        double[] voxelSize;

        org.proofbox.io.Cutout.Options options() {
            return new org.proofbox.io.Cutout.Options(raw, offset, voxelSize);
        }

        boolean given() {
            return raw != null || offset != null || voxelSize != null;
        }
    }

    static final String SOURCE_USAGE = "[--mag X-Y-Z] [--dataset DIR] [--raw COLOR.tif] [--offset X,Y,Z] [--voxel-size X,Y,Z]";

    /** Reads a cutout option at {@code args[i]} into {@code c}; returns the index of its value, or -1 when {@code args[i]} is not one. */
    static int sourceOption(List<String> args, int i, String cmd, SourceArgs c) throws CliException {
        String a = args.get(i);
        switch (a) {
            case "--raw" -> c.raw = Path.of(value(args, i + 1, cmd, a));
            case "--dataset" -> c.dataset = Path.of(value(args, i + 1, cmd, a));
            case "--mag" -> {
                String v = value(args, i + 1, cmd, a);
                String[] p = v.split("-");
                try {
                    int[] m = p.length == 1 ? new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[0]), Integer.parseInt(p[0])}
                        : p.length == 3 ? new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])} : null;
                    if (m == null || m[0] < 1 || m[1] < 1 || m[2] < 1) throw new NumberFormatException();
                    c.mag = new org.proofbox.model.Vec3(m[0], m[1], m[2]);
                } catch (NumberFormatException e) {
                    throw new CliException(cmd + ": --mag needs a mag such as 4 or 4-4-2, got \"" + v + "\"");
                }
            }
            case "--offset" -> {
                double[] v = triple(value(args, i + 1, cmd, a), cmd, a);
                c.offset = new org.proofbox.model.Vec3((int) v[0], (int) v[1], (int) v[2]);
            }
            case "--voxel-size" -> {
                c.voxelSize = triple(value(args, i + 1, cmd, a), cmd, a);
                for (double d : c.voxelSize) if (!(d > 0)) throw new CliException(cmd + ": --voxel-size needs three positive sizes in nm");
            }
            default -> {
                return -1;
            }
        }
        return i + 1;
    }

    private static double[] triple(String v, String cmd, String opt) throws CliException {
        String[] p = v.split(",");
        if (p.length != 3) throw new CliException(cmd + ": " + opt + " needs X,Y,Z, got \"" + v + "\"");
        try {
            return new double[] {Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()), Double.parseDouble(p[2].trim())};
        } catch (NumberFormatException e) {
            throw new CliException(cmd + ": " + opt + " needs numbers X,Y,Z, got \"" + v + "\"");
        }
    }

    /** An export folder, a volume-annotation zip (its chosen volume and box) or a TIFF cutout; without PATH the bundled sample. */
    static Export open(String path, String volume, Integer box, SourceArgs cutout) throws ExportException {
        Export e = openSource(path, volume, box, cutout);
        if (cutout == null || cutout.mag == null || cutout.mag.equals(e.workMag())) return e;
        if (!e.workMag().equals(new org.proofbox.model.Vec3(1, 1, 1))) {
            throw new ExportException(e.info().propertiesFile(), "the segmentation exists only from mag " + e.workMag() + " on and is reviewed there; --mag cannot change that");
        }
        return e.atMag(cutout.mag);
    }

    private static Export openSource(String path, String volume, Integer box, SourceArgs cutout) throws ExportException {
        Path p = path == null ? SampleLocator.find() : Path.of(path);
        if (cutout != null && cutout.dataset != null) {
            if (cutout.given()) throw new ExportException(p, "--dataset is for annotation zips; --raw, --offset and --voxel-size for TIFF cutouts");
            boolean zip = Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip") && !org.proofbox.io.Cutout.handles(p);
            if (!zip) throw new ExportException(p, "--dataset attaches a dataset to a volume-annotation zip; this is not one");
            return AnnotationZip.open(p, volume, box, cutout.dataset);
        }
        if (cutout != null && cutout.given()) {
            if (!org.proofbox.io.Cutout.handles(p)) throw new ExportException(p, "--raw, --offset and --voxel-size apply to TIFF cutouts");
            return Export.open(p, cutout.options());
        }
        return open(path, volume, box);
    }

    /** An export folder, or a volume-annotation zip with the chosen volume and box; without PATH the bundled sample. */
    static Export open(String path, String volume, Integer box) throws ExportException {
        Path p = path == null ? SampleLocator.find() : Path.of(path);
        if (volume == null && box == null) return org.proofbox.review.Project.open(p); // a folder, a cutout, or a zip's first volume and box
        if (Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            return AnnotationZip.open(p, volume, box);
        }
        throw new ExportException(p, "--volume and --box apply to volume-annotation zips");
    }

    static ObjectNode annotationJson(Annotation a) {
        return a.json();
    }
}
