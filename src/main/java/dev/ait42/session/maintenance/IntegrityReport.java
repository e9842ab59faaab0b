package dev.ait42.session.maintenance;

import java.util.List;

/**
 * Result of {@link Maintenance#checkIntegrity()}.
 *
 * @param problems what {@code PRAGMA integrity_check} and {@code PRAGMA foreign_key_check}
 *                 reported; empty when the file is sound
 */
public record IntegrityReport(List<String> problems) {

    public IntegrityReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
