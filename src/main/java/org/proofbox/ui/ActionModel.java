package org.proofbox.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Every command of the window, and what is built from them: the menu bar (with a Help menu),
 * tool-bar buttons, context menus, tooltips, the key map and the shortcut overlay. Keys are
 * handled once, at scene level, so no focused list, table or tab can swallow them (text fields
 * keep plain keys). Ctrl+K then a letter picks a tool, as in WEBKNOSSOS.
 */
final class ActionModel {
    private final Map<String, Action> actions = new LinkedHashMap<>();
    /** The second keys of Ctrl+K chords: letter → action id. */
    private final Map<KeyCode, String> chords = new LinkedHashMap<>();
    private boolean chord;

    /** Declares an action; returns it so the caller may mark where it appears. */
    Action add(String id, String label, Action.Group group, List<String> keys, boolean shiftFast, String help, BooleanSupplier when, Consumer<Boolean> run) {
        if (actions.containsKey(id)) throw new IllegalArgumentException("action " + id + " declared twice");
        Action a = new Action(id, label, group, keys, shiftFast, help, when, run);
        actions.put(id, a);
        return a;
    }

    Action add(String id, String label, Action.Group group, List<String> keys, String help, BooleanSupplier when, Runnable run) {
        return add(id, label, group, keys, false, help, when, fast -> run.run());
    }

    /** Ctrl+K then {@code key} runs {@code id} (listed with the action's keys). */
    void chord(KeyCode key, String id) {
        chords.put(key, id);
    }

    Action get(String id) {
        Action a = actions.get(id);
        if (a == null) throw new IllegalArgumentException("no action " + id);
        return a;
    }

    List<Action> all() {
        return List.copyOf(actions.values());
    }

    /** The keys of an action as the overlay shows them, chords included. */
    List<String> keysOf(Action a) {
        List<String> out = new ArrayList<>(a.keys);
        chords.forEach((k, id) -> { if (id.equals(a.id)) out.add("Ctrl+K " + k.getName()); });
        return out;
    }

    /** Re-evaluates every action's enablement (after anything that may change it). */
    void refresh() {
        actions.values().forEach(Action::refresh);
    }

    /** The scene's key filter: the first enabled action whose key matches runs, and the key goes no further. */
    void handle(KeyEvent e, boolean inTextField) {
        if (e.getEventType() != KeyEvent.KEY_PRESSED || e.getCode().isModifierKey()) return;
        if (chord) {
            chord = false;
            String id = chords.get(e.getCode());
            if (id != null) get(id).fire(false);
            e.consume();
            return;
        }
        boolean modified = e.isShortcutDown() || e.isControlDown() || e.isAltDown() || e.isMetaDown();
        if (inTextField && !modified) return; // typing stays typing
        if (e.isShortcutDown() && e.getCode() == KeyCode.K && !chords.isEmpty()) {
            chord = true;
            e.consume();
            return;
        }
        for (Action a : actions.values()) {
            for (KeyCombination c : a.combos) {
                if (c.match(e)) {
                    a.fire(e.isShiftDown());
                    e.consume();
                    return;
                }
            }
        }
    }

    static boolean isTextField(Object focusOwner) {
        return focusOwner instanceof TextInputControl;
    }

    /** The menu bar: one menu per group, in declaration order, separators where {@code separatorsBefore} says. */
    MenuBar menuBar(java.util.Set<String> separatorsBefore) {
        Map<Action.Group, Menu> menus = new LinkedHashMap<>();
        for (Action.Group g : Action.Group.values()) menus.put(g, new Menu(g.label));
        for (Action a : actions.values()) {
            Menu m = menus.get(a.group);
            if (separatorsBefore.contains(a.id) && !m.getItems().isEmpty()) m.getItems().add(new SeparatorMenuItem());
            m.getItems().add(menuItem(a));
        }
        MenuBar bar = new MenuBar();
        menus.values().stream().filter(m -> !m.getItems().isEmpty()).forEach(bar.getMenus()::add);
        menus.values().forEach(m -> m.setOnShowing(e -> refresh())); // a menu shows what may run now, as the context menu does
        return bar;
    }

    MenuItem menuItem(Action a) {
        List<String> keys = keysOf(a);
        MenuItem item = new MenuItem(a.label);
        item.setId("menu-" + a.id);
        if (!keys.isEmpty()) {
            KeyCombination first = a.combos.isEmpty() ? null : a.combos.get(0);
            if (first != null && a.keys.get(0).contains("+")) item.setAccelerator(first); // shown; the key map fires it first
            else item.setText(a.label + "\t" + String.join(", ", keys));
        }
        item.disableProperty().bind(a.enabledProperty().not());
        item.setOnAction(e -> a.fire(false));
        return item;
    }

    Button button(String id, String text) {
        Action a = get(id);
        Button b = new Button(text);
        b.setId(id);
        b.setFocusTraversable(false);
        b.setTooltip(new Tooltip(a.withKeys() + (a.help.isEmpty() ? "" : "\n" + a.help)));
        b.disableProperty().bind(a.enabledProperty().not());
        b.setOnAction(e -> a.fire(false));
        return b;
    }

    ContextMenu contextMenu() {
        ContextMenu menu = new ContextMenu();
        for (Action a : actions.values()) if (a.inContextMenu) menu.getItems().add(menuItem(a));
        menu.setOnShowing(e -> refresh());
        return menu;
    }

    /** "Space approve · X needs fix…": the first key and a short name of each action, for a panel's hint line. */
    String hint(List<String> ids) {
        List<String> parts = new ArrayList<>();
        for (String id : ids) {
            Action a = get(id);
            if (a.keys.isEmpty()) continue;
            String name = a.label.split("[,:(…]")[0].trim().toLowerCase(java.util.Locale.ROOT);
            parts.add(a.keys.get(0) + " " + name);
        }
        return String.join(" · ", parts);
    }

    /** The overlay's rows: group, keys, what they do (mouse gestures are listed by the overlay itself). */
    List<String[]> shortcutRows() {
        List<String[]> rows = new ArrayList<>();
        for (Action a : actions.values()) {
            List<String> keys = keysOf(a);
            if (keys.isEmpty()) continue;
            rows.add(new String[] {a.group.label, String.join(", ", keys) + (a.shiftFast ? " (Shift: ×10)" : ""), a.label});
        }
        return rows;
    }

    /** The same rows as a Markdown table (the README's shortcut section is this, checked by a test). */
    String markdownTable() {
        StringBuilder b = new StringBuilder("| menu | keys | action |\n|---|---|---|\n");
        for (String[] r : shortcutRows()) b.append("| ").append(r[0]).append(" | ").append(r[1].replace("|", "\\|")).append(" | ").append(r[2]).append(" |\n");
        return b.toString();
    }
}
