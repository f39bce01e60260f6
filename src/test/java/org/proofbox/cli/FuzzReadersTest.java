package org.proofbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;

/**
 * A seeded random mutator over the readers' inputs (the properties, .zarray, chunks of a Zarr v2
 * export, and real WEBKNOSSOS annotation zips with Zarr3 and WKW volumes inside): whatever
 * the bytes, {@code check} ends in seconds with exit 0 or 1 (still valid data) or 2 (one line,
 * naming a file) — never an internal error, a stack trace or a hang — and leaves every byte as
 * it was. Bounded to about 40 seconds; the seed makes a failure repeatable.
 */
class FuzzReadersTest {
    static final long SEED = 0x5EED_2026_1202L;

    record Target(Path root, Path arg, List<Path> files) {}

    static List<Path> filesOf(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static byte[] mutate(byte[] in, Random r, boolean json) {
        byte[] b = in.clone();
        switch (r.nextInt(json ? 7 : 5)) {
            case 0 -> { // flip a few bits
                for (int k = 1 + r.nextInt(4); k > 0 && b.length > 0; k--) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            }
            case 1 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length)); // truncate
            case 2 -> { // append garbage
                byte[] extra = new byte[1 + r.nextInt(64)];
                r.nextBytes(extra);
                byte[] out = Arrays.copyOf(b, b.length + extra.length);
                System.arraycopy(extra, 0, out, b.length, extra.length);
                b = out;
            }
            case 3 -> { // a random byte run
                if (b.length > 0) {
                    int at = r.nextInt(b.length), n = Math.min(b.length - at, 1 + r.nextInt(16));
                    for (int i = 0; i < n; i++) b[at + i] = (byte) r.nextInt(256);
                }
            }
            case 4 -> b = new byte[0];
            default -> { // JSON: numbers become extremes, strings become odd paths
                String s = new String(b, StandardCharsets.UTF_8);
                String[] numbers = {"-1", "0", "4294967496", "1099511627776", "9223372036854775808", "1e308", "-2147483648", "2147483647", "null", "\"x\"", "[]"};
                String[] strings = {"\"../outside\"", "\"/etc\"", "\"\"", "\"zarr3\"", "\"wkw\"", "\"uint64\"", "\"<u8\"", "\"F\"", "\"a/b\""};
                StringBuilder out = new StringBuilder();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(r.nextBoolean() ? "-?\\d+" : "\"[^\"]*\"").matcher(s);
                int last = 0;
                while (m.find()) {
                    out.append(s, last, m.start());
                    boolean num = m.group().charAt(0) != '"';
                    out.append(r.nextInt(4) == 0 ? (num ? numbers[r.nextInt(numbers.length)] : strings[r.nextInt(strings.length)]) : m.group());
                    last = m.end();
                }
                out.append(s.substring(last));
                b = out.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
        return b;
    }

    @Test
    void mutatedInputsAreReadOrRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path zarr = dir.resolve("zarr");
        int sx = 24;
        new ExportWriter(zarr, "fuzz", new VoxelSize(4, 4, 40, "nanometer"))
            .layer("color", "color", ElementType.UINT8, new Box3(new Vec3(2, 0, 1), new Vec3(sx, 20, 12)),
                new ExportWriter.Layout(new Vec3(8, 8, 8), 'F', "/", ZarrCodecs.zlib(1), false), i -> i * 7, null)
            .layer("segmentation", "segmentation", ElementType.UINT32, new Box3(new Vec3(2, 0, 1), new Vec3(sx, 20, 12)),
                new ExportWriter.Layout(new Vec3(8, 8, 8), 'C', ".", ZarrCodecs.gzip(1), true), i -> (i % sx) < 8 ? 0xFFFF_FFF0L : (i % sx) < 9 ? 0 : 3, 0xFFFF_FFF0L)
            .mag("segmentation", new Vec3(2, 2, 1), ElementType.UINT32, new Box3(new Vec3(2, 0, 1), new Vec3(sx, 20, 12)),
                new ExportWriter.Layout(new Vec3(8, 8, 8), 'C', ".", ZarrCodecs.gzip(1), true), i -> 3)
            .write();
        List<Target> targets = new ArrayList<>();
        targets.add(new Target(zarr, zarr, filesOf(zarr)));
        for (String zip : new String[] {"l4_sample__explorational__suser__94b271.zip", "multi_volume_example_CREMI.zip"}) {
            Path copy = dir.resolve(zip);
            Files.copy(Shared.data("webknossos-testdata/annotations/" + zip), copy);
            targets.add(new Target(copy, copy, List.of(copy)));
        }

        Random r = new Random(SEED);
        long end = System.nanoTime() + 40_000_000_000L;
        int runs = 0, refused = 0;
        while (System.nanoTime() < end) {
            Target t = targets.get(r.nextInt(targets.size()));
            Path file = t.files().get(r.nextInt(t.files().size()));
            byte[] original = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            byte[] bad = mutate(original, r, name.endsWith(".json") || name.equals(".zarray"));
            Files.write(file, bad);
            try {
                byte[][] before = snapshot(t);
                CliTest.Result res = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliTest.run("check", t.arg().toString()),
                    () -> "check hangs on a mutation of " + file + " (seed " + SEED + ")");
                String why = "run on a mutation of " + file + ": exit " + res.code() + " " + res.err();
                assertTrue(res.code() == 0 || res.code() == 1 || res.code() == 2, why);
                if (res.code() == 2) {
                    refused++;
                    assertEquals(1, res.err().strip().lines().count(), why);
                    assertTrue(res.err().startsWith("proofbox: /"), "names a file: " + why);
                }
                assertTrue(!res.err().contains("internal error") && !res.err().contains("\tat "), why);
                assertTrue(Arrays.deepEquals(before, snapshot(t)), "check changed a file: " + why);
            } finally {
                Files.write(file, original);
            }
            runs++;
        }
        System.out.println("fuzzed readers: " + runs + " mutated inputs, " + refused + " refused with exit 2, the rest read (seed " + Long.toHexString(SEED) + ")");
        assertTrue(runs > 50, runs + " runs");
    }

    private static byte[][] snapshot(Target t) throws Exception {
        List<Path> all = Files.isDirectory(t.root()) ? filesOf(t.root()) : List.of(t.root());
        byte[][] out = new byte[all.size() + 1][];
        for (int i = 0; i < all.size(); i++) out[i] = Files.readAllBytes(all.get(i));
        out[all.size()] = String.join("\n", all.stream().map(Path::toString).toList()).getBytes(StandardCharsets.UTF_8);
        return out;
    }
}
