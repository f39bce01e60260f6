package org.proofbox.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window's actions without a window: keys unique and documented, enablement from the window's state. */
class ActionModelTest {
    /** A stand-in window: queries answer from {@code state}, commands are recorded. */
    static WindowActions.Window window(Map<String, Boolean> state, List<String> calls) {
        return (WindowActions.Window) Proxy.newProxyInstance(ActionModelTest.class.getClassLoader(), new Class<?>[] {WindowActions.Window.class},
            (proxy, m, args) -> {
                if (m.getReturnType() == boolean.class) return state.getOrDefault(m.getName(), false);
                calls.add(m.getName() + (args == null ? "" : java.util.Arrays.toString(args)));
                return null;
            });
    }

    static Map<String, Boolean> state(boolean open, boolean editable) {
        Map<String, Boolean> s = new HashMap<>();
        s.put("boxOpen", open);
        s.put("editable", editable);
        s.put("hasSelection", true);
        s.put("reviewReady", open);
        s.put("canUndo", true);
        s.put("canRedo", true);
        s.put("unsaved", true);
        return s;
    }

    @Test
    void noTwoActionsShareAKeyAndEveryKeyIsInTheOverlayAndTheReadme() throws Exception {
        ActionModel m = WindowActions.declare(window(state(true, true), new ArrayList<>()));
        Map<String, String> owner = new HashMap<>();
        for (Action a : m.all()) {
            for (var c : a.combos) {
                String prev = owner.put(c.getName(), a.id);
                assertEquals(null, prev, "key " + c.getName() + " of " + a.id + " is also " + prev + "'s");
            }
        }
        List<String> overlay = m.shortcutRows().stream().map(r -> r[1] + " " + r[2]).toList();
        for (Action a : m.all()) {
            for (String k : m.keysOf(a)) assertTrue(overlay.stream().anyMatch(r -> r.contains(k) && r.endsWith(a.label)), k + " of " + a.id + " missing in the overlay");
        }
        String readme = Files.readString(Path.of("README.md"));
        String table = m.markdownTable();
        assertTrue(readme.contains(table), "README.md's shortcut table differs from the actions; it should read:\n" + table);
        assertEquals("Space approve · X needs fix · S skip · N next segment", m.hint(List.of("approve", "flag", "skip", "next")));
        for (String[] mouse : WindowActions.MOUSE) assertTrue(readme.contains("| " + mouse[0] + " |"), "README lacks the mouse gesture " + mouse[0]);
    }

    @Test
    void aReadOnlyBoxEnablesNoEditPath() {
        ActionModel m = WindowActions.declare(window(state(true, false), new ArrayList<>()));
        m.refresh();
        for (Action a : m.all()) {
            boolean changesLabels = a.group == Action.Group.EDIT || (a.group == Action.Group.TOOLS && !a.id.equals("tool-move")) || a.id.equals("save");
            if (changesLabels) assertFalse(a.isEnabled(), a.id + " is enabled on a read-only box");
        }
        assertTrue(m.get("tool-move").isEnabled());
        assertTrue(m.get("next-slice").isEnabled());
        assertTrue(m.get("approve").isEnabled(), "reviewing a read-only box is fine");
    }

    @Test
    void disabledActionsDoNotRunAndEnabledOnesDo() {
        Map<String, Boolean> s = state(false, false);
        List<String> calls = new ArrayList<>();
        ActionModel m = WindowActions.declare(window(s, calls));
        assertFalse(m.get("approve").fire(false));
        assertFalse(m.get("next-slice").fire(true));
        assertTrue(m.get("quit").fire(false), "quit is always there");
        s.putAll(state(true, true));
        assertTrue(m.get("next-slice").fire(true));
        assertTrue(m.get("previous-slice").fire(false));
        assertTrue(m.get("delete").fire(false));
        assertTrue(m.get("tool-brush").fire(false));
        assertEquals(List.of("quit", "step[10]", "step[-1]", "delete", "tool[BRUSH]"), calls);
        s.put("hasSelection", false);
        assertFalse(m.get("delete").fire(false), "nothing selected");
        s.put("unsaved", false);
        m.refresh();
        assertFalse(m.get("save").isEnabled(), "nothing to save");
    }
}
