package org.proofbox.render;

import org.proofbox.store.SegmentTable;

/**
 * A {@link DisplayStyle} compiled into lookup tables for the rasteriser. Per slot: the packed
 * colour already multiplied by the opacity for filled pixels and for outline pixels (-1 for
 * none); per grey value: the grey multiplied by the rest of the opacity. A blended pixel is then
 * one addition, {@code grey[g] + colour[slot]}, because neither channel can carry into the next.
 * Grey index 256 is the background outside the raw data.
 */
public final class Palette {
    /** Background outside the box. */
    public static final int BACKGROUND = 0x1E1E1E;
    static final int BG_INDEX = 256;
    private static final int CONTEXT_ALPHA = 90;   // of 256: faint outlines of hidden segments
    private static final int OUTLINE_ALPHA = 230;  // outline mode: strong edges

    final DisplayStyle style;
    final int[] fill, edge;
    final int[] greyPlain = new int[257], greyFill = new int[257], greyEdge = new int[257], greyContext = new int[257];
    final int[] contextEdge;
    private final SegmentTable table;
    private final int fillAlpha;

    private final java.util.Map<Long, Integer> colours;

    public Palette(DisplayStyle style, SegmentTable table) {
        this(style, table, java.util.Map.of());
    }

    /** {@code colours}: colours (0xRRGGBB) an annotation gives some ids; the others get their stable pseudo-random colour. */
    public Palette(DisplayStyle style, SegmentTable table, java.util.Map<Long, Integer> colours) {
        this.colours = colours;
        this.style = style;
        this.table = table;
        int n = table == null ? 1 : table.slotCount();
        long[] ids = table == null ? new long[1] : table.idsBySlot();
        this.fill = new int[n];
        this.edge = new int[n];
        this.contextEdge = new int[n];
        this.fillAlpha = (int) Math.round(style.opacity() * 256);
        int[] lut = style.contrast().lut();
        for (int g = 0; g < 257; g++) {
            int grey = g == BG_INDEX ? -1 : lut[g];
            greyPlain[g] = grey < 0 ? BACKGROUND : rgb(grey, grey, grey);
            greyFill[g] = scale(greyPlain[g], 256 - fillAlpha);
            greyEdge[g] = scale(greyPlain[g], 256 - OUTLINE_ALPHA);
            greyContext[g] = scale(greyPlain[g], 256 - CONTEXT_ALPHA);
        }
        for (int s = 0; s < n; s++) compile(s, ids[s]);
    }

    private void compile(int s, long id) {
        fill[s] = edge[s] = contextEdge[s] = -1;
        if (s == 0 || !style.overlay()) return;
        Integer given = colours.get(id);
        int c = given != null ? given : SegmentColors.rgb(id);
        if (style.shows(s)) {
            if (style.outlines()) edge[s] = scale(c, OUTLINE_ALPHA);
            else fill[s] = scale(c, fillAlpha);
        } else if (style.contextOutlines()) {
            contextEdge[s] = scale(c, CONTEXT_ALPHA);
        }
    }

    public DisplayStyle style() {
        return style;
    }

    /** Slots allocated after this palette was built (new ids from edits) render as unlabelled until it is rebuilt. */
    int size() {
        return fill.length;
    }

    public boolean covers(SegmentTable t) {
        return t == table && (t == null || t.slotCount() == fill.length);
    }

    static int rgb(int r, int g, int b) {
        return (r << 16) | (g << 8) | b;
    }

    /** Each channel times a/256, floored. */
    static int scale(int rgb, int a) {
        return rgb((((rgb >> 16) & 0xFF) * a) >> 8, (((rgb >> 8) & 0xFF) * a) >> 8, ((rgb & 0xFF) * a) >> 8);
    }
}
