package org.proofbox.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.proofbox.model.Finding;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.Severity;
import org.proofbox.model.Verdict;

/**
 * A review session over the registered segments: the order they are visited in, the position,
 * and a verdict and comment per segment. Plain Java, no UI: the walkthrough panel shows it and
 * the session file saves it after every change ({@link #addListener}).
 *
 * <p>Default order: segments with QC findings first, the most severe first (then the most
 * findings, then the largest), then the clean ones by size, largest first. A verdict moves on
 * to the next segment in order that has no verdict yet, so approving a run of clean segments
 * costs one key each and resuming skips what is done.
 */
public final class Walkthrough {
    /** One registered segment with what the walkthrough orders by. */
    public record Item(long id, long voxels, int findings, Severity worst) {}

    /** The default order key: findings first, most severe first. */
    public static final Comparator<Item> FINDINGS_FIRST = Comparator
        .comparing((Item i) -> i.findings() == 0)
        .thenComparing(i -> i.worst() == null ? Severity.values().length : i.worst().ordinal())
        .thenComparing(Comparator.comparingInt(Item::findings).reversed())
        .thenComparing(Comparator.comparingLong(Item::voxels).reversed())
        .thenComparing(Item::id, SegmentIds::compare);
    public static final Comparator<Item> BY_SIZE = Comparator.comparingLong(Item::voxels).reversed().thenComparing(Item::id, SegmentIds::compare);
    public static final Comparator<Item> BY_ID = Comparator.comparing(Item::id, SegmentIds::compare);

    private final Map<Long, Item> items = new LinkedHashMap<>();
    private final List<Long> order = new ArrayList<>();
    private final Map<Long, Verdict> verdicts = new HashMap<>();
    private final Map<Long, String> comments = new HashMap<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private int position;

    /** A walkthrough over {@code items} in the default order. */
    public Walkthrough(Collection<Item> items) {
        for (Item i : items) this.items.put(i.id(), i);
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(FINDINGS_FIRST);
        for (Item i : sorted) order.add(i.id());
    }

    /** Items of a box from its segments and QC findings. */
    public static List<Item> items(List<SegmentStats> segments, List<Finding> findings) {
        Map<Long, int[]> count = new HashMap<>();
        Map<Long, Severity> worst = new HashMap<>();
        for (Finding f : findings) {
            for (Long id : new Long[] {f.segment(), f.otherSegment()}) {
                if (id == null) continue;
                count.computeIfAbsent(id, k -> new int[1])[0]++;
                worst.merge(id, f.severity(), (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
            }
        }
        List<Item> out = new ArrayList<>();
        for (SegmentStats s : segments) {
            int[] c = count.get(s.id());
            out.add(new Item(s.id(), s.voxels(), c == null ? 0 : c[0], worst.get(s.id())));
        }
        return out;
    }

    public void addListener(Runnable l) {
        listeners.add(l);
    }

    /** Verdicts on the box's own findings (no segment), keyed by check and voxel: they survive a reopen like segments' verdicts. */
    public record BoxVerdict(Verdict verdict, String comment) {}

    private final Map<String, BoxVerdict> boxVerdicts = new LinkedHashMap<>();

    /** The key of a box finding: its check and voxel ("coverage_gap@12,40,7"). */
    public static String boxKey(Finding f) {
        return f.check().key + "@" + f.at().x() + "," + f.at().y() + "," + f.at().z();
    }

    /** The verdict on a box finding (unreviewed when none was given). */
    public BoxVerdict boxVerdict(Finding f) {
        return boxVerdicts.getOrDefault(boxKey(f), new BoxVerdict(Verdict.UNREVIEWED, ""));
    }

    /** Decides on a box finding; the session is saved like after a segment's verdict. */
    public void decideBox(Finding f, Verdict v, String comment) {
        putBox(f, v, comment);
        changed();
    }

    private void putBox(Finding f, Verdict v, String comment) {
        if (v == Verdict.UNREVIEWED && (comment == null || comment.isEmpty())) boxVerdicts.remove(boxKey(f));
        else boxVerdicts.put(boxKey(f), new BoxVerdict(v, comment == null ? "" : comment));
    }

    /** The box's own findings, stepped through before the segments (N, P and the verdict keys reach them too). */
    private List<Finding> boxFindings = List.of();
    /** Index into {@link #boxFindings} while the walkthrough stands on a box finding, else -1. */
    private int boxAt = -1;

    /**
     * The findings of the box that name no segment, in the order to visit them. A new list keeps
     * the walkthrough on the same finding (by key) if it is still there. With {@code startThere}
     * the walkthrough moves to the first one without a verdict (opening a box: those come first).
     */
    public void setBoxFindings(List<Finding> list, boolean startThere) {
        String at = boxAt >= 0 ? boxKey(boxFindings.get(boxAt)) : null;
        boxFindings = List.copyOf(list);
        boxAt = -1;
        if (at != null) for (int i = 0; i < boxFindings.size(); i++) if (boxKey(boxFindings.get(i)).equals(at)) boxAt = i;
        if (startThere) boxAt = nextOpenBox(0);
        changed();
    }

    public List<Finding> boxFindings() {
        return boxFindings;
    }

    /** The box finding under review, or null while the walkthrough stands on a segment. */
    public Finding currentBoxFinding() {
        return boxAt >= 0 ? boxFindings.get(boxAt) : null;
    }

    /** Moves to a box finding of this walkthrough; false if it is not one. */
    public boolean goToBox(Finding f) {
        int i = boxFindings.indexOf(f);
        if (i < 0) return false;
        if (i != boxAt) {
            boxAt = i;
            changed();
        }
        return true;
    }

    private int nextOpenBox(int from) {
        for (int i = from; i < boxFindings.size(); i++) if (!boxVerdicts.containsKey(boxKey(boxFindings.get(i)))) return i;
        return -1;
    }

    /** Every box verdict by key, for the session file. */
    public Map<String, BoxVerdict> boxVerdicts() {
        return java.util.Collections.unmodifiableMap(boxVerdicts);
    }

    /** Restores saved box verdicts (keys of findings that no longer exist are kept: a re-check may bring them back). */
    void restoreBox(Map<String, BoxVerdict> saved) {
        boxVerdicts.putAll(saved);
    }

    private void changed() {
        for (Runnable l : List.copyOf(listeners)) l.run();
    }

    public int size() {
        return order.size();
    }

    public List<Long> order() {
        return List.copyOf(order);
    }

    public int position() {
        return position;
    }

    public Item item(long id) {
        return items.get(id);
    }

    /** The segment under review, or null for an empty box. */
    public Item current() {
        return order.isEmpty() ? null : items.get(order.get(position));
    }

    public Verdict verdict(long id) {
        return verdicts.getOrDefault(id, Verdict.UNREVIEWED);
    }

    public String comment(long id) {
        return comments.getOrDefault(id, "");
    }

    /** Moves to the segment at {@code index} of the order (leaving the box findings). */
    public void goTo(int index) {
        if (order.isEmpty()) return;
        int p = Math.max(0, Math.min(order.size() - 1, index));
        if (p != position || boxAt >= 0) {
            position = p;
            boxAt = -1;
            changed();
        }
    }

    /** Moves to a segment; false if it is not in the walkthrough. */
    public boolean goToId(long id) {
        int i = order.indexOf(id);
        if (i < 0) return false;
        goTo(i);
        return true;
    }

    /** The next box finding, then from the last one to the segment the walkthrough stood on; then the next segment. */
    public void next() {
        if (boxAt >= 0) {
            boxAt = boxAt + 1 < boxFindings.size() || order.isEmpty() ? Math.min(boxAt + 1, boxFindings.size() - 1) : -1;
            changed();
        } else {
            goTo(position + 1);
        }
    }

    /** The previous segment; from the first segment back to the last box finding. */
    public void previous() {
        if (boxAt > 0) {
            boxAt--;
            changed();
        } else if (boxAt < 0 && position == 0 && !boxFindings.isEmpty()) {
            boxAt = boxFindings.size() - 1;
            changed();
        } else if (boxAt < 0) {
            goTo(position - 1);
        }
    }

    public void approve() {
        decide(Verdict.APPROVED, null);
    }

    /** Marks the current segment as needing a fix, with the reviewer's comment. */
    public void flag(String comment) {
        decide(Verdict.NEEDS_FIX, comment);
    }

    public void skip() {
        decide(Verdict.SKIPPED, null);
    }

    /** Sets a verdict for a segment without moving (e.g. restoring a session or editing in the table). */
    public void set(long id, Verdict v, String comment) {
        if (!items.containsKey(id)) throw new IllegalArgumentException("segment " + SegmentIds.toString(id) + " is not in this walkthrough");
        if (v == Verdict.UNREVIEWED) verdicts.remove(id); else verdicts.put(id, v);
        if (comment != null) {
            if (comment.isBlank()) comments.remove(id); else comments.put(id, comment);
        }
        changed();
    }

    private void decide(Verdict v, String comment) {
        if (boxAt >= 0) { // a box finding: decided, then the next open one, then the segments
            putBox(boxFindings.get(boxAt), v, comment);
            int n = nextOpenBox(boxAt + 1);
            if (n >= 0) boxAt = n;
            else if (!order.isEmpty()) {
                boxAt = -1;
                int s = nextOpen(position);
                if (s < 0) s = nextOpen(0);
                if (s >= 0) position = s;
            }
            changed();
            return;
        }
        Item c = current();
        if (c == null) return;
        if (v == Verdict.UNREVIEWED) verdicts.remove(c.id()); else verdicts.put(c.id(), v);
        if (comment != null) {
            if (comment.isBlank()) comments.remove(c.id()); else comments.put(c.id(), comment);
        }
        int n = nextOpen(position + 1);
        if (n >= 0) position = n;
        else if (position + 1 < order.size()) position++;
        changed();
    }

    /** First index at or after {@code from} without a verdict, -1 if none. */
    private int nextOpen(int from) {
        for (int i = from; i < order.size(); i++) if (!verdicts.containsKey(order.get(i))) return i;
        return -1;
    }

    /** Whether the segments stand in {@code c}'s order (a resumed session keeps the order it was saved in). */
    public boolean isSortedBy(Comparator<Item> c) {
        for (int i = 1; i < order.size(); i++) if (c.compare(items.get(order.get(i - 1)), items.get(order.get(i))) > 0) return false;
        return true;
    }

    /** Reorders by {@code c}, staying on the current segment. */
    public void sort(Comparator<Item> c) {
        Item cur = current();
        List<Item> sorted = new ArrayList<>();
        for (long id : order) sorted.add(items.get(id));
        sorted.sort(c);
        order.clear();
        for (Item i : sorted) order.add(i.id());
        if (cur != null) position = order.indexOf(cur.id());
        changed();
    }

    /** Replaces the order (ids of this walkthrough, each once; the others are appended in the current order). */
    public void setOrder(List<Long> ids, long currentId) {
        List<Long> next = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (long id : ids) if (items.containsKey(id) && seen.add(id)) next.add(id);
        for (long id : order) if (seen.add(id)) next.add(id);
        order.clear();
        order.addAll(next);
        int p = order.indexOf(currentId);
        position = p < 0 ? 0 : p;
        changed();
    }

    /**
     * The labels were edited: {@code now} is every segment with its fresh findings. New ids join at
     * the end of the order; ids that are gone leave it and are returned (their verdicts and comments
     * stay readable through {@link #verdict} and {@link #comment} until the caller records them).
     */
    public List<Long> update(Collection<Item> now) {
        Item cur = current();
        Map<Long, Item> next = new LinkedHashMap<>();
        for (Item i : now) next.put(i.id(), i);
        List<Long> gone = new ArrayList<>();
        for (long id : order) if (!next.containsKey(id)) gone.add(id);
        List<Item> added = new ArrayList<>();
        for (Item i : now) if (!items.containsKey(i.id())) added.add(i);
        added.sort(FINDINGS_FIRST);
        items.clear();
        items.putAll(next);
        order.removeIf(id -> !next.containsKey(id));
        for (Item i : added) order.add(i.id());
        int p = cur == null ? -1 : order.indexOf(cur.id());
        position = p >= 0 ? p : Math.max(0, Math.min(position, order.size() - 1));
        changed();
        return gone;
    }

    /** Segments with a verdict other than skipped: approved or needing a fix. */
    public int reviewed() {
        int n = 0;
        for (Verdict v : verdicts.values()) if (v == Verdict.APPROVED || v == Verdict.NEEDS_FIX) n++;
        return n;
    }

    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> m = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) m.put(v, 0);
        for (long id : order) m.merge(verdict(id), 1, Integer::sum);
        return m;
    }

    /** Verdicts other than unreviewed, by id (a copy). */
    public Map<Long, Verdict> verdicts() {
        return Map.copyOf(verdicts);
    }

    public Map<Long, String> comments() {
        return Map.copyOf(comments);
    }

    /** Every segment with a verdict or a comment: what a save hands on (e.g. into an annotation's NML). */
    public Map<Long, org.proofbox.model.Decision> decisions() {
        return decisions(verdicts, comments);
    }

    /** Verdicts and comments by id, joined (ids with either). */
    public static Map<Long, org.proofbox.model.Decision> decisions(Map<Long, Verdict> verdicts, Map<Long, String> comments) {
        Map<Long, org.proofbox.model.Decision> out = new HashMap<>();
        for (var e : verdicts.entrySet()) out.put(e.getKey(), new org.proofbox.model.Decision(e.getValue(), comments.get(e.getKey())));
        for (var e : comments.entrySet()) out.putIfAbsent(e.getKey(), new org.proofbox.model.Decision(Verdict.UNREVIEWED, e.getValue()));
        out.values().removeIf(d -> !d.said());
        return out;
    }
}
