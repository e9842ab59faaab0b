package dev.ait42.session.schema;

import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.logging.LogService;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The changelogs shipped in this jar (from the repo's {@code liquibase/} folder), under a
 * namespaced classpath path that an application's own Liquibase can include.
 */
public final class Changelog {

    /** Classpath location of the master changelog. */
    public static final String MASTER = "dev/ait42/session/db/ait42-session-changelog.yaml";

    /**
     * The prefix of every file path our changesets record in {@code DATABASECHANGELOG} (their
     * {@code logicalFilePath}, the same since the first release): rows with another path belong to
     * the application that shares the table.
     */
    static final String RECORDED_PATH_PREFIX = "db/changelog/sqlite/";

    private Changelog() {
    }

    static ResourceAccessor resources() {
        return new ClassLoaderResourceAccessor(Changelog.class.getClassLoader());
    }

    /** {@link #inScope(Callable, boolean)} with Liquibase's INFO lines logged at FINE. */
    static <T> T inScope(Callable<T> work) throws Exception {
        return inScope(work, false);
    }

    /**
     * Runs Liquibase work with this module's settings: our resources, no console output, no
     * analytics, and unless {@code libraryLogging}, Liquibase's INFO lines logged at FINE
     * ({@link QuietLiquibaseLog}).
     */
    static <T> T inScope(Callable<T> work, boolean libraryLogging) throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put(Scope.Attr.resourceAccessor.name(), resources());
        values.put(Scope.Attr.ui.name(), new LoggerUIService()); // progress goes to the log, not stdout
        values.put("liquibase.analytics.enabled", Boolean.FALSE);
        if (!libraryLogging) {
            values.put(Scope.Attr.logService.name(),
                    new QuietLiquibaseLog(Scope.getCurrentScope().get(Scope.Attr.logService, LogService.class)));
        }
        return Scope.child(values, work::call);
    }

    private static final Pattern INCLUDE = Pattern.compile("^\\s*file:\\s*(\\S+)\\s*$");
    private static final Pattern CHANGESET = Pattern.compile("^--\\s*changeset\\s+([^:\\s]+):(\\S+)(.*)$");
    private static final Pattern DBMS = Pattern.compile("\\bdbms:(\\S+)");

    /**
     * The changesets of this build, each with whether it runs on SQLite (no dbms, or dbms sqlite),
     * read straight from the master's includes and the formatted-SQL headers. Every start needs
     * this, and starting Liquibase to parse the changelog costs a few hundred milliseconds;
     * {@link #parsedByLiquibase()} is the reference, and a test keeps the two equal.
     */
    static Map<String, Boolean> knownChangeSets() {
        String folder = MASTER.substring(0, MASTER.lastIndexOf('/') + 1);
        Map<String, Boolean> known = new LinkedHashMap<>();
        for (String line : lines(MASTER)) {
            Matcher include = INCLUDE.matcher(line);
            if (include.matches()) {
                for (String sql : lines(folder + include.group(1))) {
                    Matcher changeSet = CHANGESET.matcher(sql);
                    if (changeSet.matches()) {
                        Matcher dbms = DBMS.matcher(changeSet.group(3));
                        known.put(key(changeSet.group(2), changeSet.group(1)),
                                !dbms.find() || List.of(dbms.group(1).split(",")).contains("sqlite"));
                    }
                }
            }
        }
        if (known.isEmpty()) {
            throw new IllegalStateException("no changesets found in the changelog " + MASTER + " shipped in this jar");
        }
        return known;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Changelog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the changelog " + resource + " is missing from this jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the changelog " + resource, e);
        }
    }

    /** The same as {@link #knownChangeSets()}, by Liquibase's own parser. */
    static Map<String, Boolean> parsedByLiquibase() {
        try {
            return inScope(() -> {
                ResourceAccessor resources = resources();
                DatabaseChangeLog log = ChangeLogParserFactory.getInstance().getParser(MASTER, resources)
                        .parse(MASTER, new ChangeLogParameters(), resources);
                Map<String, Boolean> known = new LinkedHashMap<>();
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
