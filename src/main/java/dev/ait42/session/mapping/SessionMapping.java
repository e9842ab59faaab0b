package dev.ait42.session.mapping;

import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Workspace;
import dev.ait42.session.search.OpenSearchAnalysis;
import dev.ait42.session.search.SearchBackend;
import dev.ait42.session.search.PrefixedIndexLayout;
import dev.ait42.session.search.SessionSearchMapping;
import dev.ait42.session.search.TextAnalysis;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an application's persistence unit gets the library's mapping (the shared mode). Any one of:
 *
 * <ul>
 * <li>the mapping file {@value #ORM_XML} ({@code <mapping-file>} in {@code persistence.xml});</li>
 * <li>the classes of {@link #MANAGED_CLASSES} as managed classes;</li>
 * <li>the setting {@value #CONTRIBUTE}{@code =true}: the library then adds its entities to that
 *     unit by itself (Hibernate's mapping contributor; Spring Boot's auto-configuration does this).
 *     Units without the setting never get the library's tables.</li>
 * </ul>
 *
 * The converters are named on the entities' own attributes and never auto-applied, so the
 * application's entities keep their own mapping. The entity names ({@code Ait42Session},
 * {@code Ait42Instance}, {@code Ait42ChatMessage}, {@code Ait42Workspace}) cannot clash with an
 * application's. Full-text search needs {@link #searchProperties(Path)} in the same unit.
 */
public final class SessionMapping {

    /** The mapping file listing the library's entities. */
    public static final String ORM_XML = "META-INF/ait42-session-orm.xml";

    /** Setting of a persistence unit: {@code true} adds the library's entities to it. */
    public static final String CONTRIBUTE = "ait42.session.mapping.contribute";

    /**
     * Settings of {@link #searchProperties} that name a list of configurers: an application with
     * its own adds the library's to its list (comma-separated) rather than replacing it.
     */
    public static final String MAPPING_CONFIGURER = "hibernate.search.mapping.configurer";
    public static final String ANALYSIS_CONFIGURER = "hibernate.search.backend.analysis.configurer";

    /** The library's entity classes. */
    public static final List<Class<?>> MANAGED_CLASSES =
            List.of(Workspace.class, Session.class, Instance.class, ChatMessage.class);

    private SessionMapping() {
    }

    /**
     * The Hibernate Search settings the library's index needs, for a persistence unit's
     * properties: how its entities are indexed, its analyzers (English stemming, CJK bigrams, width
     * folding), where the Lucene
     * index lives, and searches that see a commit as soon as it returns.
     *
     * @param indexDirectory the folder of the Lucene index (created if missing)
     */
    public static Map<String, Object> searchProperties(Path indexDirectory) {
        Objects.requireNonNull(indexDirectory, "indexDirectory");
        return searchProperties(SearchBackend.lucene(), indexDirectory);
    }

    /**
     * {@link #searchProperties(Path)} for either backend: for OpenSearch, its addresses and
     * credentials, the same analyzers defined for OpenSearch ({@link OpenSearchAnalysis}), one
     * shard per index (the same relevance statistics as one Lucene index) and the index names'
     * prefix.
     *
     * @param indexDirectory the folder of the Lucene index; unused (may be null) for OpenSearch
     */
    public static Map<String, Object> searchProperties(SearchBackend backend, Path indexDirectory) {
        Objects.requireNonNull(backend, "backend");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(MAPPING_CONFIGURER, SessionSearchMapping.class.getName());
        if (backend.shared()) {
            openSearchProperties(backend, settings);
        } else {
            Objects.requireNonNull(indexDirectory, "indexDirectory");
            // Both backends are on the class path: the type must be named.
            settings.put("hibernate.search.backend.type", "lucene");
            settings.put(ANALYSIS_CONFIGURER, TextAnalysis.class.getName());
            settings.put("hibernate.search.backend.directory.root", indexDirectory.toAbsolutePath().toString());
            settings.put("hibernate.search.backend.lucene_version", "LATEST");
        }
        // A search right after a commit sees it.
        settings.put("hibernate.search.indexing.plan.synchronization.strategy", "read-sync");
        // The mapping is declared by the configurer: don't index every class of every jar looking for more.
        settings.put("hibernate.search.mapping.build_missing_discovered_jandex_indexes", false);
        return settings;
    }

    private static void openSearchProperties(SearchBackend backend, Map<String, Object> settings) {
        backend.requireAvailable();
        settings.put("hibernate.search.backend.type", "elasticsearch");
        settings.put(ANALYSIS_CONFIGURER, OpenSearchAnalysis.class.getName());
        settings.put("hibernate.search.backend.uris",
                backend.uris().stream().map(java.net.URI::toString).collect(java.util.stream.Collectors.joining(",")));
        // Known at boot: no version request to the cluster before the first use.
        settings.put("hibernate.search.backend.version", SearchBackend.OPENSEARCH_VERSION);
        if (backend.username() != null) {
            settings.put("hibernate.search.backend.username", backend.username());
            settings.put("hibernate.search.backend.password", backend.password());
        }
        settings.put("hibernate.search.backend.layout.strategy",
                org.hibernate.search.engine.environment.bean.BeanReference.ofInstance(
                        new PrefixedIndexLayout(backend.indexPrefix())));
        settings.put("hibernate.search.backend.schema_management.settings_file", PrefixedIndexLayout.SETTINGS_FILE);
        // Several nodes start against one cluster: each creates what is missing, none drops anything.
        settings.put("hibernate.search.schema_management.strategy", "create-or-validate");
        // Bulk requests of 100 documents, at most 4 at once per index (10 by default): every node
        // of a cluster sends its own, and a small node answers more with HTTP 429 (a full write
        // queue, its parent circuit breaker), which Hibernate Search does not retry.
        settings.put("hibernate.search.backend.indexing.max_bulk_size", SearchBackend.BULK_SIZE);
        settings.put("hibernate.search.backend.indexing.queue_count", SearchBackend.BULKS_IN_FLIGHT);
    }
}
