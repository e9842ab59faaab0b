package dev.ait42.session;

/**
 * The database was migrated by a newer build of this module (it holds changesets this build does
 * not know). The file is left untouched; upgrade the module to open it.
 */
public class IncompatibleSchemaException extends StorageException {
    private static final long serialVersionUID = 1L;

    public IncompatibleSchemaException(String message) {
        super(message);
    }
}
