package org.proofbox.model;

import java.util.Locale;

/** Voxel element types a layer may declare; labels must be integer types. */
public enum ElementType {
    UINT8(1, false, true), UINT16(2, false, true), UINT32(4, false, true), UINT64(8, false, true),
    INT8(1, true, true), INT16(2, true, true), INT32(4, true, true), INT64(8, true, true),
    FLOAT32(4, true, false), FLOAT64(8, true, false);

    public final int bytes;
    public final boolean signed;
    public final boolean integer;

    ElementType(int bytes, boolean signed, boolean integer) {
        this.bytes = bytes;
        this.signed = signed;
        this.integer = integer;
    }

    /** Name as WEBKNOSSOS writes it in {@code elementClass} ("uint32"). */
    public String wkName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Largest id this type can hold, as an unsigned long. */
    public long maxId() {
        if (bytes == 8) return signed ? Long.MAX_VALUE : -1L;
        return signed ? (1L << (bytes * 8 - 1)) - 1 : (1L << (bytes * 8)) - 1;
    }

    /** Parses a WEBKNOSSOS {@code elementClass}; null if it is not one we know. */
    public static ElementType fromWk(String name) {
        if (name == null) return null;
        for (ElementType t : values()) if (t.wkName().equals(name.toLowerCase(Locale.ROOT))) return t;
        return null;
    }
}
