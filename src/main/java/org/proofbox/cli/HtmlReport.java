package org.proofbox.cli;

import java.nio.file.Path;
import org.proofbox.algo.QcReport;
import org.proofbox.io.ExportException;
import org.proofbox.store.LoadedBox;

/** Placeholder replaced below. */
final class HtmlReport {
    private HtmlReport() {}

    static void write(Path file, LoadedBox box, QcReport report) throws ExportException {
        throw new ExportException(file, "HTML report not written yet");
    }
}
