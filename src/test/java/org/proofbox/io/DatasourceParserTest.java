package org.proofbox.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;
import org.proofbox.model.Vec3;

class DatasourceParserTest {
    @TempDir
    Path dir;

    private Path props(String json) throws Exception {
        Files.writeString(dir.resolve("datasource-properties.json"), json);
        return dir;
    }

    private static String layer(String mags, String extra) {
        return "{\"name\":\"segmentation\",\"category\":\"segmentation\",\"dataFormat\":\"zarr\",\"elementClass\":\"uint64\","
            + "\"boundingBox\":{\"topLeft\":[3072,3072,512],\"width\":1024,\"height\":512,\"depth\":256},\"mags\":" + mags + extra + "}";
    }

    @Test
    void scaleAsObjectWithUnitAndLargeUnsignedLargestId() throws Exception {
        DatasetInfo info = DatasourceParser.parse(props("{\"id\":{\"name\":\"l4\"},\"scale\":{\"factor\":[11.24,11.24,28.0],\"unit\":\"nanometer\"},"
            + "\"dataLayers\":[" + layer("[{\"mag\":[1,1,1],\"path\":\"./segmentation/1\"}]", ",\"largestSegmentId\":18446744073709551615") + "]}"));
        assertEquals("l4", info.name());
        assertEquals(28.0, info.voxelSize().z());
        assertEquals("nanometer", info.voxelSize().unit());
        LayerInfo l = info.segmentationLayer().orElseThrow();
        assertEquals(-1L, l.largestSegmentId().orElseThrow()); // 2^64 - 1
        assertEquals(new Vec3(1024, 512, 256), l.box().size());
        assertEquals(dir.resolve("segmentation/1").toAbsolutePath().normalize(), l.mags().get(0).path());
    }

    @Test
    void scaleAsListAndMagsWithoutPathFindShortAndLongFolders() throws Exception {
        Files.createDirectories(dir.resolve("segmentation/1-1-1"));
        Files.createDirectories(dir.resolve("segmentation/2-2-1"));
        Files.createDirectories(dir.resolve("segmentation/4"));
        DatasetInfo info = DatasourceParser.parse(props("{\"scale\":[4,4,40],\"dataLayers\":["
            + layer("[{\"mag\":[1,1,1]},{\"mag\":[2,2,1]},{\"mag\":[4,4,4]}]", ",\"largestSegmentId\":null") + "]}"));
        LayerInfo l = info.layers().get(0);
        assertEquals(dir.getFileName().toString(), info.name());
        assertEquals(40.0, info.voxelSize().z());
        assertTrue(l.largestSegmentId().isEmpty());
        assertEquals("1-1-1", l.mags().get(0).path().getFileName().toString());
        assertEquals("2-2-1", l.mags().get(1).path().getFileName().toString());
        assertEquals("4", l.mags().get(2).path().getFileName().toString());
    }

    @Test
    void olderWkwResolutionsAndUint24Color() throws Exception {
        DatasetInfo info = DatasourceParser.parse(props("{\"scale\":[1,1,1],\"dataLayers\":[{\"name\":\"color\",\"category\":\"color\","
            + "\"dataFormat\":\"zarr\",\"elementClass\":\"uint24\",\"boundingBox\":{\"topLeft\":[0,0,0],\"width\":24,\"height\":24,\"depth\":24},"
            + "\"wkwResolutions\":[{\"resolution\":[1,1,1],\"cubeLength\":32},{\"resolution\":2}]}]}"));
        LayerInfo l = info.colorLayer().orElseThrow();
        assertEquals(3, l.numChannels());
        assertEquals(new Vec3(2, 2, 2), l.mags().get(1).mag());
    }

    @Test
    void webknossosWrittenZarrDatasetParses() throws Exception {
        DatasetInfo info = DatasourceParser.parse(Shared.data("webknossos-testdata/simple_zarr_dataset"));
        LayerInfo color = info.colorLayer().orElseThrow();
        assertEquals(3, color.numChannels());
        assertTrue(Files.isDirectory(color.mags().get(0).path()), color.mags().get(0).path().toString());
    }

    @Test
    void badScaleAndMissingFieldsNameTheFile() throws Exception {
        ExportException e = assertThrows(ExportException.class, () -> DatasourceParser.parse(props("{\"scale\":[1,1],\"dataLayers\":[]}")));
        assertTrue(e.getMessage().contains("datasource-properties.json") && e.getMessage().contains("scale"), e.getMessage());
        e = assertThrows(ExportException.class, () -> DatasourceParser.parse(props("{\"scale\":[1,1,1]}")));
        assertTrue(e.getMessage().contains("dataLayers"), e.getMessage());
        e = assertThrows(ExportException.class, () -> DatasourceParser.parse(props("{\"scale\":[1,1,1],\"dataLayers\":["
            + layer("[]", "") + "]}")));
        assertTrue(e.getMessage().contains("no \"mags\""), e.getMessage());
        e = assertThrows(ExportException.class, () -> DatasourceParser.parse(props("{\"scale\":[1,1,1],\"dataLayers\":["
            + layer("[{\"mag\":[1,1,1]}]", "").replace("uint64", "complex128") + "]}")));
        assertTrue(e.getMessage().contains("unknown elementClass \"complex128\""), e.getMessage());
    }
}
