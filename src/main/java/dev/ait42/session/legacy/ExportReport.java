package dev.ait42.session.legacy;

import java.nio.file.Path;
import java.util.List;

/** What an export wrote: one file per workspace plus the mapping file. */
public record ExportReport(int workspaces, int sessions, List<Path> files) {

    public ExportReport {
        files = List.copyOf(files);
    }
}
