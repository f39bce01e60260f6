package org.proofbox.model;

/** How sure a finding is to be a defect: errors fail {@code check}; warnings ask a reviewer to look. */
public enum Severity {
    ERROR, WARNING, INFO;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
