package org.proofbox.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a writer's files go: straight to disk, each file atomically ({@link #DIRECT}, for exports
 * being created), or into a {@link Transaction} that makes a whole save one step. A writer that
 * reads back what it wrote (a Zarr3 shard updated chunk by chunk) asks {@link #staged} first.
 */
public interface FileWrites {
    void write(Path target, byte[] bytes) throws IOException;

    /** Removes {@code target} (absent afterwards, whether it existed or not). */
    default void delete(Path target) throws IOException {
        Files.deleteIfExists(target);
    }

    /** What {@link #staged} answers for a file this writer deleted. */
    byte[] DELETED = new byte[0];

    /** What this writer already wrote to {@code target} and has not yet put in place ({@link #DELETED} if it removed it), or null. */
    default byte[] staged(Path target) throws IOException {
        return null;
    }

    /** Each file on its own: a temporary file, forced, renamed over the target. */
    FileWrites DIRECT = (target, bytes) -> {
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        AtomicFiles.write(target, bytes);
    };
}
