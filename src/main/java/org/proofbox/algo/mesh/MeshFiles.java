package org.proofbox.algo.mesh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.proofbox.model.SegmentIds;

/**
 * Surfaces as file bytes, in nm: binary STL (what WEBKNOSSOS exports; each triangle's attribute
 * word holds the index of its segment in the header's list) and binary little-endian PLY (one
 * vertex list, faces with a {@code segment} index naming the {@code comment segment K id ID}
 * lines). Segments are written in the order given, each piece's triangles together.
 */
public final class MeshFiles {
    private MeshFiles() {}

    /** One segment's pieces. */
    public record Solid(long id, List<SurfaceMesh> pieces) {
        long triangles() {
            long n = 0;
            for (SurfaceMesh m : pieces) n += m.triangleCount();
            return n;
        }
    }

    public static byte[] stl(List<Solid> solids) {
        long tris = 0;
        for (Solid s : solids) tris += s.triangles();
        if (84 + 50 * tris > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many triangles for one STL file: " + tris);
        ByteBuffer b = ByteBuffer.allocate((int) (84 + 50 * tris)).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder h = new StringBuilder("proofbox nm");
        for (Solid s : solids) h.append(' ').append(SegmentIds.toString(s.id()));
        byte[] header = java.util.Arrays.copyOf(h.toString().getBytes(StandardCharsets.US_ASCII), 80);
        b.put(header);
        b.putInt((int) tris);
        for (int k = 0; k < solids.size(); k++) {
            for (SurfaceMesh m : solids.get(k).pieces()) {
                float[] v = m.vertices();
                int[] t = m.triangles();
                for (int i = 0; i < t.length; i += 3) {
                    int a = 3 * t[i], c = 3 * t[i + 1], d = 3 * t[i + 2];
                    double ux = v[c] - v[a], uy = v[c + 1] - v[a + 1], uz = v[c + 2] - v[a + 2];
                    double wx = v[d] - v[a], wy = v[d + 1] - v[a + 1], wz = v[d + 2] - v[a + 2];
                    double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
                    double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
                    if (len == 0) len = 1;
                    b.putFloat((float) (nx / len)).putFloat((float) (ny / len)).putFloat((float) (nz / len));
                    for (int p : new int[] {a, c, d}) b.putFloat(v[p]).putFloat(v[p + 1]).putFloat(v[p + 2]);
                    b.putShort((short) Math.min(k, 0xFFFF));
                }
            }
        }
        return b.array();
    }

    public static byte[] ply(List<Solid> solids) {
        long verts = 0, tris = 0;
        for (Solid s : solids) {
            tris += s.triangles();
            for (SurfaceMesh m : s.pieces()) verts += m.vertexCount();
        }
        StringBuilder h = new StringBuilder("ply\nformat binary_little_endian 1.0\ncomment proofbox surfaces in nm\n");
        for (int k = 0; k < solids.size(); k++) h.append(String.format(Locale.ROOT, "comment segment %d id %s%n", k, SegmentIds.toString(solids.get(k).id())));
        h.append("element vertex ").append(verts).append("\nproperty float x\nproperty float y\nproperty float z\n");
        h.append("element face ").append(tris).append("\nproperty list uchar int vertex_indices\nproperty int segment\nend_header\n");
        byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
        long size = head.length + 12 * verts + 17 * tris;
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many triangles for one PLY file: " + tris);
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(head);
        for (Solid s : solids) for (SurfaceMesh m : s.pieces()) for (float f : m.vertices()) b.putFloat(f);
        int base = 0;
        for (int k = 0; k < solids.size(); k++) {
            for (SurfaceMesh m : solids.get(k).pieces()) {
                int[] t = m.triangles();
                for (int i = 0; i < t.length; i += 3) {
                    b.put((byte) 3).putInt(base + t[i]).putInt(base + t[i + 1]).putInt(base + t[i + 2]).putInt(k);
                }
                base += m.vertexCount();
            }
        }
        return b.array();
    }
}
