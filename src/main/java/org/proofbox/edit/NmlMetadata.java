package org.proofbox.edit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.proofbox.model.Decision;

/**
 * A reviewer's decision as WEBKNOSSOS segment metadata in an NML: inside the segment's element,
 * {@code <metadata><metadataEntry key="Proofbox verdict" stringValue="approved" /> …</metadata>}
 * — the element and attribute names WEBKNOSSOS's own NML code (webknossos-libs
 * {@code _nml/segment.py}, {@code metadata_entry.py}) reads and writes, shown per segment in its
 * segments panel. Text edits only: the rest of the element and of the NML stays as it was; our
 * own entries from an earlier save are replaced, other keys are kept.
 */
final class NmlMetadata {
    static final String VERDICT = "Proofbox verdict";
    static final String COMMENT = "Proofbox comment";

    private NmlMetadata() {}

    /** {@code body} with the decision in the {@code <segment>} element of {@code id} (which must be there). */
    static String set(String body, long id, Decision d) {
        Matcher m = Pattern.compile("<segment\\b[^>]*?\\bid=\"" + Long.toUnsignedString(id) + "\"[^>]*?(/?)>").matcher(body);
        if (!m.find()) return body;
        int lineStart = body.lastIndexOf('\n', m.start()) + 1;
        String indent = body.substring(lineStart, m.start()).replaceAll("\\S", " ");
        if (!m.group(1).isEmpty()) { // <segment … />: opened, given the metadata, closed
            StringBuilder b = new StringBuilder(m.group().replaceFirst("\\s*/>$", ""));
            close(b, d, indent);
            String tail = body.substring(m.end());
            if (tail.startsWith("\n")) tail = tail.substring(1);
            else if (tail.startsWith("\r\n")) tail = tail.substring(2);
            return body.substring(0, m.start()) + b + tail;
        }
        int end = body.indexOf("</segment>", m.end());
        if (end < 0) return body;
        String inner = body.substring(m.end(), end);
        inner = inner.replaceAll("[ \\t]*<metadataEntry\\b[^>]*\\bkey=\"(" + Pattern.quote(VERDICT) + "|" + Pattern.quote(COMMENT) + ")\"[^>]*/>[ \\t]*\\r?\\n?", "");
        String entries = entries(d, indent + "    ");
        if (inner.contains("</metadata>")) {
            int close = inner.indexOf("</metadata>");
            int ls = inner.lastIndexOf('\n', close) + 1;
            inner = inner.substring(0, ls) + entries + inner.substring(ls);
        } else if (inner.matches("(?s).*<metadata\\s*/>.*")) {
            inner = inner.replaceFirst("<metadata\\s*/>", Matcher.quoteReplacement("<metadata>\n" + entries + indent + "  </metadata>"));
        } else {
            inner = "\n" + indent + "  <metadata>\n" + entries + indent + "  </metadata>" + inner;
        }
        return body.substring(0, m.end()) + inner + body.substring(end);
    }

    /** Ends an opened {@code <segment …} start tag (no {@code >} yet) with the decision's metadata and {@code </segment>}. */
    static void close(StringBuilder b, Decision d, String indent) {
        b.append(">\n").append(indent).append("  <metadata>\n").append(entries(d, indent + "    ")).append(indent).append("  </metadata>\n")
            .append(indent).append("</segment>\n");
    }

    private static String entries(Decision d, String indent) {
        StringBuilder b = new StringBuilder();
        if (d.verdict() != org.proofbox.model.Verdict.UNREVIEWED) {
            b.append(indent).append("<metadataEntry key=\"").append(VERDICT).append("\" stringValue=\"").append(xml(d.verdict().label())).append("\" />\n");
        }
        if (!d.comment().isEmpty()) b.append(indent).append("<metadataEntry key=\"").append(COMMENT).append("\" stringValue=\"").append(xml(d.comment())).append("\" />\n");
        return b.toString();
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }
}
