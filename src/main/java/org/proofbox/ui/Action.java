package org.proofbox.ui;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.input.KeyCombination;

/**
 * One command of the window, declared once in {@link WindowActions}: what it is called, where it
 * appears, its keys, when it may run, what it does. Menus, the tool bar, context menus, tooltips,
 * the key map and the shortcut overlay are all built from these.
 */
final class Action {
    /** The menu an action belongs to (in this order). */
    enum Group {
        FILE("File"), EDIT("Edit"), TOOLS("Tools"), VIEW("View"), REVIEW("Review"), HELP("Help");

        final String label;

        Group(String label) {
            this.label = label;
        }
    }

    final String id;
    final String label;
    final Group group;
    /** Keys as written for people ("Ctrl+S", "F", "Page Down"); {@link #combos} are what the key map matches. */
    final List<String> keys;
    final List<KeyCombination> combos;
    /** Shift held makes it faster (F: ten sections); the key matches with or without Shift. */
    final boolean shiftFast;
    final String help;
    private final BooleanSupplier when;
    private final Consumer<Boolean> run;
    private final ReadOnlyBooleanWrapper enabled = new ReadOnlyBooleanWrapper(true);
    boolean inToolbar, inContextMenu;

    Action(String id, String label, Group group, List<String> keys, boolean shiftFast, String help, BooleanSupplier when, Consumer<Boolean> run) {
        this.id = id;
        this.label = label;
        this.group = group;
        this.keys = List.copyOf(keys);
        this.shiftFast = shiftFast;
        this.help = help;
        this.when = when;
        this.run = run;
        this.combos = keys.stream().map(k -> combo(k, shiftFast)).toList();
    }

    /** "Ctrl+S" → Shortcut+S; "F" (shift-fast) → F with Shift any; "?" → the typed character. */
    static KeyCombination combo(String key, boolean shiftAny) {
        String k = key.replace("Ctrl+", "Shortcut+").replace("Page Down", "Page_Down").replace("Page Up", "Page_Up").replace(" ", "_");
        if (k.equals("?")) return new javafx.scene.input.KeyCharacterCombination("?", KeyCombination.SHIFT_ANY);
        if (k.equals(".")) return new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.PERIOD);
        KeyCombination c = KeyCombination.valueOf(k);
        if (shiftAny && c instanceof javafx.scene.input.KeyCodeCombination kc) return new javafx.scene.input.KeyCodeCombination(kc.getCode(), KeyCombination.SHIFT_ANY);
        return c;
    }

    ReadOnlyBooleanProperty enabledProperty() {
        return enabled.getReadOnlyProperty();
    }

    boolean isEnabled() {
        return enabled.get();
    }

    /** Re-evaluates when the action may run. */
    void refresh() {
        enabled.set(when.getAsBoolean());
    }

    /** Runs it when it may run; returns whether it ran. */
    boolean fire(boolean shift) {
        refresh();
        if (!enabled.get()) return false;
        run.accept(shift && shiftFast);
        return true;
    }

    /** "Save labels (Ctrl+S)", for tooltips. */
    String withKeys() {
        return keys.isEmpty() ? label : label + " (" + String.join(", ", keys) + (shiftFast ? "; Shift: faster" : "") + ")";
    }
}
