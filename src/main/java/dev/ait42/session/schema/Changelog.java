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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.sql.Connection;
import java.sql.SQLException;
import dev.ait42.session.StorageException;
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
     * The prefixes of every file path our changesets record in {@code DATABASECHANGELOG} (their
     * {@code logicalFilePath}: SQLite's the same since the first release, PostgreSQL's namespaced):
     * rows with another path belong to the application that shares the table.
     */
    static final List<String> RECORDED_PATH_PREFIXES = List.of("db/changelog/sqlite/", "dev/ait42/session/db/postgresql/");

    /** Liquibase's short names of the databases the changelog has changesets for. */
    public static final String SQLITE = "sqlite";
    public static final String POSTGRESQL = "postgresql";

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
     * The changesets of this build, each with the databases it runs on (its {@code dbms}, Liquibase's
     * short names; empty: every database), read straight from the master's includes and the formatted-SQL headers. Every start needs
     * this, and starting Liquibase to parse the changelog costs a few hundred milliseconds;
     * {@link #parsedByLiquibase()} is the reference, and a test keeps the two equal.
     */
    static Map<String, Set<String>> knownChangeSets() {
        String folder = MASTER.substring(0, MASTER.lastIndexOf('/') + 1);
        Map<String, Set<String>> known = new LinkedHashMap<>();
        for (String line : lines(MASTER)) {
            Matcher include = INCLUDE.matcher(line);
            if (include.matches()) {
                for (String sql : lines(folder + include.group(1))) {
                    Matcher changeSet = CHANGESET.matcher(sql);
                    if (changeSet.matches()) {
                        Matcher dbms = DBMS.matcher(changeSet.group(3));
                        known.put(key(changeSet.group(2), changeSet.group(1)),
                                dbms.find() ? Set.of(dbms.group(1).split(",")) : Set.of());
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
    static Map<String, Set<String>> parsedByLiquibase() {
        try {
            return inScope(() -> {
                ResourceAccessor resources = resources();
                DatabaseChangeLog log = ChangeLogParserFactory.getInstance().getParser(MASTER, resources)
                        .parse(MASTER, new ChangeLogParameters(), resources);
                Map<String, Set<String>> known = new LinkedHashMap<>();
                for (ChangeSet cs : log.getChangeSets()) {
                    known.put(key(cs), cs.getDbmsSet() == null ? Set.of() : Set.copyOf(cs.getDbmsSet()));
                }
                return known;
            });
        } catch (Exception e) {
            throw new IllegalStateException("the changelog shipped in this jar cannot be parsed", e);
        }
    }

    /** The changesets of this build that run on {@code dbms} (a Liquibase short name). */
    static Set<String> changeSetsFor(String dbms) {
        Set<String> keys = new LinkedHashSet<>();
        knownChangeSets().forEach((key, databases) -> {
            if (databases.isEmpty() || databases.contains(dbms)) {
                keys.add(key);
            }
        });
        return keys;
    }

    /** The databases the changelog is written for (every changeset names its dbms). */
    static Set<String> coveredDatabases() {
        Set<String> covered = new TreeSet<>();
        knownChangeSets().values().forEach(covered::addAll);
        return covered;
    }

    /**
     * Liquibase's short name of the database behind {@code connection} ({@code sqlite},
     * {@code postgresql}, {@code h2}, {@code mysql}...), from the driver's product name.
     */
    static String dbmsOf(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("sqlite")) {
            return SQLITE;
        }
        return product.replace(" ", "");
    }

    /**
     * Fails, naming the database, when the changelog has no changesets for it: Liquibase would
     * otherwise skip every changeset in silence and leave the database without tables.
     */
    static void requireCovered(String dbms, String product) {
        if (!coveredDatabases().contains(dbms)) {
            throw new StorageException("ait42-session has no schema for " + product + " (Liquibase: " + dbms
                    + "); its changelog covers " + String.join(" and ", coveredDatabases()));
        }
    }

    static String key(ChangeSet changeSet) {
        return key(changeSet.getId(), changeSet.getAuthor());
    }

    static String key(String id, String author) {
        return id + "::" + author;
    }
}
