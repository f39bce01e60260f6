package org.proofbox.edit;

/** No segment id is left above the largest one (uint32 at 2³²−1, uint64 at 2⁶⁴−1): nothing can get a new id. */
public final class NoFreeIdException extends IllegalStateException {
    public NoFreeIdException(String message) {
        super(message);
    }
}
