package org.proofbox.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.proofbox.model.Check;
import org.proofbox.model.Verdict;

/** The segment list's filter as plain data, without a window: by text, verdict, kind of finding and size. */
class RegistryFilterModelTest {
    private static List<Long> shown(RegistryFilter f, java.util.function.LongFunction<Verdict> verdicts) {
        return RegistryFilterTest.rows().stream().filter(r -> f.accepts(r, verdicts.apply(r.id()))).map(RegistryView.Row::id).toList();
    }

    @Test
    void eachFilterAndTheirCombination() {
        java.util.function.LongFunction<Verdict> none = id -> Verdict.UNREVIEWED;
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), shown(RegistryFilter.ALL, none));
        assertEquals(List.of(2L, 5L), shown(new RegistryFilter("", 1, null, 0, 99), none), "with findings");
        assertEquals(List.of(5L), shown(new RegistryFilter("", 0, Check.HOLE, 0, 99), none));
        assertEquals(List.of(3L, 4L, 5L), shown(new RegistryFilter("", 0, null, 2, 4), none), "100 to 10 000 voxels, inclusive");
        assertEquals(List.of(5L), shown(new RegistryFilter("", 0, Check.DISCONNECTED, 3, 6), none), "disconnected and at least 1000 voxels");
        assertEquals(List.of(5L), shown(new RegistryFilter("5", 0, null, 0, 99), none), "id text");
        java.util.function.LongFunction<Verdict> some = id -> id == 2 ? Verdict.NEEDS_FIX : id == 3 ? Verdict.APPROVED : Verdict.UNREVIEWED;
        assertEquals(List.of(2L), shown(new RegistryFilter("", 3, null, 0, 99), some), "needs fix");
        assertEquals(List.of(1L, 4L, 5L, 6L, 7L), shown(new RegistryFilter("", 2, null, 0, 99), some), "not reviewed");
    }
}
