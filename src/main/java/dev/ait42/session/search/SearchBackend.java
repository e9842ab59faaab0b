package dev.ait42.session.search;

import dev.ait42.session.ValidationException;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the full-text index lives: {@link #lucene() local Lucene files} (one node, the default), or
 * {@link #openSearch an OpenSearch cluster} shared by every application node of one database.
 *
 * <p>With Lucene, one process at a time holds the index writer and applies the index work every
 * process records in the database; a node of a cluster behind a load balancer would search only
 * what its own index holds. With OpenSearch every node searches the one shared index and every
 * node applies the recorded work, each row claimed by one node ({@link IndexCatchUp}).
 *
 * @param kind        which backend
 * @param uris        OpenSearch's HTTP addresses ({@code http://host:9200}); empty for Lucene
 * @param username    OpenSearch's user (basic authentication), or null
 * @param password    that user's password, or null
 * @param indexPrefix put before the index names ({@code sessions}, {@code instances}, {@code messages}),
 *                    so several stores can share a cluster; empty for none
 */
public record SearchBackend(Kind kind, List<URI> uris, String username, String password, String indexPrefix) {

    /** The OpenSearch release the mapping and analysis are written for. */
    public static final String OPENSEARCH_VERSION = "opensearch:2.19";
    /** Documents per bulk request to OpenSearch. */
    public static final int BULK_SIZE = 100;
    /** Bulk requests to one OpenSearch index a node has in flight at most. */
    public static final int BULKS_IN_FLIGHT = 4;
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    /** The two backends. */
    public enum Kind {
        /** Lucene files in the store's index folder, written by one process at a time. */
        LUCENE,
        /** An OpenSearch cluster, shared by every node. */
        OPENSEARCH
    }

    public SearchBackend {
        Objects.requireNonNull(kind, "kind");
        uris = List.copyOf(uris);
        indexPrefix = indexPrefix == null ? "" : indexPrefix;
        if (kind == Kind.LUCENE && !uris.isEmpty()) {
            throw new ValidationException("search.uris", "are for OpenSearch; the Lucene index is a local folder");
        }
        if (kind == Kind.OPENSEARCH) {
            if (uris.isEmpty()) {
                throw new ValidationException("search.uris", "are required for OpenSearch (http://host:9200)");
            }
            for (URI uri : uris) {
                if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
                    throw new ValidationException("search.uris", "must be http:// or https:// addresses with a host"
                            + " and no path, was " + uri);
                }
            }
        }
        if ((username == null) != (password == null)) {
            throw new ValidationException("search.username", "and search.password go together");
        }
        if (!indexPrefix.isEmpty() && !PREFIX.matcher(indexPrefix).matches()) {
            throw new ValidationException("search.indexPrefix", "must be lowercase letters, digits, '-' and '_',"
                    + " starting with a letter or digit (OpenSearch's index names), was '" + indexPrefix + "'");
        }
    }

    /** Lucene files in the store's index folder (the default). */
    public static SearchBackend lucene() {
        return new SearchBackend(Kind.LUCENE, List.of(), null, null, "");
    }

    /** An OpenSearch cluster at these HTTP addresses ({@code http://127.0.0.1:9200}). */
    public static SearchBackend openSearch(String... uris) {
        if (uris.length == 0) {
            throw new ValidationException("search.uris", "are required for OpenSearch (http://host:9200)");
        }
        List<URI> parsed = new java.util.ArrayList<>();
        for (String uri : uris) {
            try {
                parsed.add(URI.create(uri.strip()));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("search.uris", "must be http:// or https:// addresses, was " + uri);
            }
        }
        return new SearchBackend(Kind.OPENSEARCH, parsed, null, null, "");
    }

    /** This cluster with basic-authentication credentials. */
    public SearchBackend withCredentials(String username, String password) {
        return new SearchBackend(kind, uris, Objects.requireNonNull(username, "username"),
                Objects.requireNonNull(password, "password"), indexPrefix);
    }

    /** This cluster with a prefix before the index names. */
    public SearchBackend withIndexPrefix(String prefix) {
        return new SearchBackend(kind, uris, username, password, prefix);
    }

    /**
     * The interface of Hibernate Search's Elasticsearch backend, or null: that backend is an
     * optional dependency, absent from an application that searches Lucene only.
     */
    static final Class<?> ELASTICSEARCH_BACKEND = optionalClass(
            "org.hibernate.search.backend.elasticsearch.ElasticsearchBackend");

    private static Class<?> optionalClass(String name) {
        try {
            return Class.forName(name, false, SearchBackend.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
    }

    /**
     * Refuses OpenSearch when its backend is not on the class path, naming what to add (rather
     * than Hibernate Search's failure to find a backend type).
     */
    public void requireAvailable() {
        if (shared() && ELASTICSEARCH_BACKEND == null) {
            throw new dev.ait42.session.StorageException("searching OpenSearch needs Hibernate Search's Elasticsearch"
                    + " backend on the class path: add org.hibernate.search:hibernate-search-backend-elasticsearch"
                    + " (the version of hibernate-search-mapper-orm)");
        }
    }

    /** Whether several nodes share this index (every node applies the recorded index work). */
    public boolean shared() {
        return kind == Kind.OPENSEARCH;
    }

    @Override
    public String toString() {
        return kind == Kind.LUCENE ? "lucene" : "opensearch" + uris + (username == null ? "" : " as " + username)
                + (indexPrefix.isEmpty() ? "" : " prefix " + indexPrefix);
    }
}
