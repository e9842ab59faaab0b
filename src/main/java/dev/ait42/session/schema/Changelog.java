package dev.ait42.session.schema;

import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** The changelogs shipped in this jar (from the repo's {@code liquibase/} folder). */
public final class Changelog {

    /** Classpath location of the master changelog. */
    public static final String MASTER = "db/changelog/changelog-master.yaml";

    private Changelog() {
    }

    static ResourceAccessor resources() {
        return new ClassLoaderResourceAccessor(Changelog.class.getClassLoader());
    }

    /** Runs Liquibase work with this module's settings: our resources, no console output, no analytics. */
    static <T> T inScope(Callable<T> work) throws Exception {
        Map<String, Object> values = Map.of(
                Scope.Attr.resourceAccessor.name(), resources(),
                Scope.Attr.ui.name(), new LoggerUIService(), // progress goes to the log, not stdout
                "liquibase.analytics.enabled", Boolean.FALSE);
        return Scope.child(values, work::call);
    }

    /** "id::author" of every changeset this build knows, whatever database it targets. */
    /** The changesets of this build, each with whether it runs on SQLite (no dbms, or dbms sqlite). */
    static Map<String, Boolean> knownChangeSets() {
        try {
            return inScope(() -> {
                ResourceAccessor resources = resources();
                DatabaseChangeLog log = ChangeLogParserFactory.getInstance().getParser(MASTER, resources)
                        .parse(MASTER, new ChangeLogParameters(), resources);
                Map<String, Boolean> known = new HashMap<>();
                for (ChangeSet cs : log.getChangeSets()) {
                    known.put(key(cs), cs.getDbmsSet() == null || cs.getDbmsSet().isEmpty()
                            || cs.getDbmsSet().contains("sqlite"));
                }
                return known;
            });
        } catch (Exception e) {
            throw new IllegalStateException("the changelog shipped in this jar cannot be parsed", e);
        }
    }

    static String key(ChangeSet changeSet) {
        return key(changeSet.getId(), changeSet.getAuthor());
    }

    static String key(String id, String author) {
        return id + "::" + author;
    }
}
