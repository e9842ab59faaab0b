package dev.ait42.session.legacy;

import dev.ait42.session.SessionStore;

import java.nio.file.Path;

/**
 * The legacy JSON history ({@code ~/.ait42/sessions/<hash>.json} plus
 * {@code workspace_mapping.json}): import into the store, compare with it, export back.
 */
public final class LegacyHistory {

    private final SessionStore store;

    public LegacyHistory(SessionStore store) {
        this.store = store;
    }

    /** {@code ~/.ait42}, the default legacy home. */
    public static Path defaultHome() {
        return Path.of(System.getProperty("user.home"), ".ait42");
    }

    /**
     * Imports every {@code sessions/*.json} under {@code ait42Home}; with {@code dryRun} parses and
     * validates only, writing nothing.
     */
    public ImportReport importHome(Path ait42Home, boolean dryRun, ImportProgress progress) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Compares the JSON files with the database, session by session; writes nothing. */
    public VerificationReport verify(Path ait42Home) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Writes {@code <hash>.json} per workspace into {@code directory/sessions/} and {@code workspace_mapping.json}. */
    public ExportReport exportTo(Path directory) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
