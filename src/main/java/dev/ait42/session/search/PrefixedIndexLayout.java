package dev.ait42.session.search;

import org.hibernate.search.backend.elasticsearch.index.layout.IndexLayoutStrategy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hibernate Search's simple layout (an index {@code <name>-000001} behind the aliases
 * {@code <name>-read} and {@code <name>-write}) with {@link SearchBackend#indexPrefix()} before each
 * name, so that the stores of several databases can share one OpenSearch cluster.
 */
public final class PrefixedIndexLayout implements IndexLayoutStrategy {

    /**
     * The indexes' settings: one shard each, so relevance statistics are those of the whole index,
     * as in one Lucene index (several shards would score each hit by its shard's statistics).
     */
    public static final String SETTINGS_FILE = "dev/ait42/session/search/opensearch-index-settings.json";

    private static final Pattern INDEX_NAME = Pattern.compile("(.*)-\\d{6}");

    private final String prefix;

    public PrefixedIndexLayout(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public String createInitialElasticsearchIndexName(String hibernateSearchIndexName) {
        return prefix + hibernateSearchIndexName + "-000001";
    }

    @Override
    public String createWriteAlias(String hibernateSearchIndexName) {
        return prefix + hibernateSearchIndexName + "-write";
    }

    @Override
    public String createReadAlias(String hibernateSearchIndexName) {
        return prefix + hibernateSearchIndexName + "-read";
    }

    @Override
    public String extractUniqueKeyFromHibernateSearchIndexName(String hibernateSearchIndexName) {
        return prefix + hibernateSearchIndexName;
    }

    @Override
    public String extractUniqueKeyFromElasticsearchIndexName(String elasticsearchIndexName) {
        Matcher m = INDEX_NAME.matcher(elasticsearchIndexName);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an index of this layout: " + elasticsearchIndexName);
        }
        return m.group(1);
    }
}
