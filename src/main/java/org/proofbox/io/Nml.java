package org.proofbox.io;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.proofbox.model.Box3;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What Proofbox reads from a WEBKNOSSOS NML: the dataset name, the voxel size, the user bounding
 * boxes and the volume layers with their segments (names, colours, anchors, groups). Parsed with
 * DOCTYPEs and external entities disabled.
 */
public record Nml(String dataset, VoxelSize voxelSize, List<UserBox> boxes, List<Volume> volumes) {
    /** A {@code userBoundingBox}. */
    public record UserBox(int id, String name, Box3 box) {}

    /** A {@code <segment>}: colour as 0xRRGGBB or null, anchor or null. */
    public record Segment(long id, String name, Integer rgb, Vec3 anchor, Integer groupId) {}

    /** A {@code <volume>} element. */
    public record Volume(int id, String name, String location, String format, String fallbackLayer, Long largestSegmentId,
                         List<Segment> segments, List<String> groups) {}

    public static Nml parse(byte[] xml, Path where) throws ExportException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new ExportException(where, "malformed NML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!"things".equals(root.getTagName())) throw new ExportException(where, "not an NML (root element <" + root.getTagName() + ">, expected <things>)");
        Element params = first(root, "parameters");
        if (params == null) throw new ExportException(where, "NML without <parameters>");
        Element exp = first(params, "experiment");
        Element scale = first(params, "scale");
        if (scale == null) throw new ExportException(where, "NML without <scale> (the voxel size)");
        VoxelSize vs;
        try {
            vs = new VoxelSize(Double.parseDouble(scale.getAttribute("x")), Double.parseDouble(scale.getAttribute("y")),
                Double.parseDouble(scale.getAttribute("z")), "nanometer");
        } catch (NumberFormatException e) {
            throw new ExportException(where, "NML <scale> is not numeric");
        }
        List<UserBox> boxes = new ArrayList<>();
        NodeList ub = params.getElementsByTagName("userBoundingBox");
        for (int i = 0; i < ub.getLength(); i++) {
            Element b = (Element) ub.item(i);
            try {
                boxes.add(new UserBox(Integer.parseInt(b.getAttribute("id")), b.getAttribute("name"),
                    new Box3(new Vec3(num(b, "topLeftX"), num(b, "topLeftY"), num(b, "topLeftZ")), new Vec3(num(b, "width"), num(b, "height"), num(b, "depth")))));
            } catch (IllegalArgumentException e) {
                throw new ExportException(where, "NML userBoundingBox " + b.getAttribute("id") + ": " + e.getMessage());
            }
        }
        List<Volume> volumes = new ArrayList<>();
        NodeList vols = root.getElementsByTagName("volume");
        for (int i = 0; i < vols.getLength(); i++) {
            Element v = (Element) vols.item(i);
            List<Segment> segs = new ArrayList<>();
            NodeList sl = v.getElementsByTagName("segment");
            for (int k = 0; k < sl.getLength(); k++) {
                Element s = (Element) sl.item(k);
                try {
                    long id = Long.parseUnsignedLong(s.getAttribute("id"));
                    Integer rgb = null;
                    if (!s.getAttribute("color.r").isEmpty()) {
                        rgb = (channel(s, "color.r") << 16) | (channel(s, "color.g") << 8) | channel(s, "color.b");
                    }
                    Vec3 anchor = s.getAttribute("anchorPositionX").isEmpty() ? null
                        : new Vec3(num(s, "anchorPositionX"), num(s, "anchorPositionY"), num(s, "anchorPositionZ"));
                    Integer group = s.getAttribute("groupId").isEmpty() ? null : Integer.valueOf(s.getAttribute("groupId"));
                    segs.add(new Segment(id, s.getAttribute("name"), rgb, anchor, group));
                } catch (IllegalArgumentException e) {
                    throw new ExportException(where, "NML segment \"" + s.getAttribute("id") + "\" of volume " + v.getAttribute("name") + ": " + e.getMessage());
                }
            }
            List<String> groups = new ArrayList<>();
            NodeList gl = v.getElementsByTagName("group");
            for (int k = 0; k < gl.getLength(); k++) groups.add(((Element) gl.item(k)).getAttribute("name"));
            Long largest = null;
            if (!v.getAttribute("largestSegmentId").isEmpty()) {
                try {
                    largest = Long.parseUnsignedLong(v.getAttribute("largestSegmentId"));
                } catch (NumberFormatException e) {
                    throw new ExportException(where, "NML volume " + v.getAttribute("name") + ": largestSegmentId \"" + v.getAttribute("largestSegmentId") + "\" is not an unsigned integer");
                }
            }
            String location = v.getAttribute("location");
            if (location.isEmpty()) throw new ExportException(where, "NML volume " + v.getAttribute("name") + " has no location");
            volumes.add(new Volume(v.getAttribute("id").isEmpty() ? i : Integer.parseInt(v.getAttribute("id")), v.getAttribute("name"), location,
                v.getAttribute("format"), v.getAttribute("fallbackLayer").isEmpty() ? null : v.getAttribute("fallbackLayer"), largest, segs, groups));
        }
        return new Nml(exp == null ? "" : exp.getAttribute("name"), vs, boxes, volumes);
    }

    private static Element first(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    private static int num(Element e, String attr) {
        String v = e.getAttribute(attr);
        if (v.isEmpty()) throw new IllegalArgumentException("missing " + attr);
        return (int) Math.round(Double.parseDouble(v));
    }

    private static int channel(Element e, String attr) {
        double v = Double.parseDouble(e.getAttribute(attr));
        return Math.max(0, Math.min(255, (int) Math.round(v * 255)));
    }
}
