package dev.ait42.session.search;

import dev.ait42.session.StoreConfig;
import dev.ait42.session.ValidationException;
import dev.ait42.session.mapping.SessionMapping;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchBackendTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/ait42?user=u&password=p";

    @Test
    void luceneIsTheDefaultAndNeedsTheIndexFolderOfAServerDatabase() {
        assertEquals(SearchBackend.lucene(), StoreConfig.of(Path.of("sessions.db")).search());
        ValidationException e = assertThrows(ValidationException.class, () -> StoreConfig.builder(PG).build());
        assertTrue(e.getMessage().contains("indexDirectory"), e.getMessage());
    }

    @Test
    void aServerDatabaseOnOpenSearchNeedsNoIndexFolder() {
        StoreConfig config = StoreConfig.builder(PG).search(SearchBackend.openSearch("http://127.0.0.1:9200")).build();

        assertTrue(config.search().shared());
        assertNull(config.indexDirectory());
        assertFalse(config.toString().contains("password=p"), config.toString());
    }

    @Test
    void openSearchAddressesMustBeHttpWithAHostAndNoPath() {
        for (String bad : new String[] {"127.0.0.1:9200", "ftp://host:21", "http://host:9200/some/path", "http:///x", "not a uri"}) {
            assertThrows(ValidationException.class, () -> SearchBackend.openSearch(bad), bad);
        }
        assertThrows(ValidationException.class, SearchBackend::openSearch);
        assertEquals(2, SearchBackend.openSearch("http://a:9200", "https://b:9200/").uris().size());
    }

    @Test
    void theIndexPrefixMustBeAnOpenSearchIndexName() {
        SearchBackend backend = SearchBackend.openSearch("http://127.0.0.1:9200");
        for (String bad : new String[] {"Upper-", "-leading", "with space", "a/b", "_x"}) {
            assertThrows(ValidationException.class, () -> backend.withIndexPrefix(bad), bad);
        }
        assertEquals("ait42-prod_1-", backend.withIndexPrefix("ait42-prod_1-").indexPrefix());
    }

    @Test
    void credentialsGoTogetherAndThePasswordNeverShows() {
        assertThrows(ValidationException.class, () -> new SearchBackend(SearchBackend.Kind.OPENSEARCH,
                java.util.List.of(java.net.URI.create("http://h:9200")), "user", null, ""));
        SearchBackend backend = SearchBackend.openSearch("http://h:9200").withCredentials("user", "s3cret");
        assertFalse(backend.toString().contains("s3cret"), backend.toString());
    }

    @Test
    void luceneTakesNoAddresses() {
        assertThrows(ValidationException.class, () -> new SearchBackend(SearchBackend.Kind.LUCENE,
                java.util.List.of(java.net.URI.create("http://h:9200")), null, null, ""));
    }

    @Test
    void hibernateSearchSettingsNameTheBackendTypeAndItsConnection() {
        Map<String, Object> lucene = SessionMapping.searchProperties(Path.of("idx"));
        assertEquals("lucene", lucene.get("hibernate.search.backend.type"));
        assertEquals(TextAnalysis.class.getName(), lucene.get(SessionMapping.ANALYSIS_CONFIGURER));

        Map<String, Object> openSearch = SessionMapping.searchProperties(
                SearchBackend.openSearch("http://a:9200", "http://b:9200").withCredentials("u", "p"), null);
        assertEquals("elasticsearch", openSearch.get("hibernate.search.backend.type"));
        assertEquals("http://a:9200,http://b:9200", openSearch.get("hibernate.search.backend.uris"));
        assertEquals(SearchBackend.OPENSEARCH_VERSION, openSearch.get("hibernate.search.backend.version"));
        assertEquals("u", openSearch.get("hibernate.search.backend.username"));
        assertEquals(OpenSearchAnalysis.class.getName(), openSearch.get(SessionMapping.ANALYSIS_CONFIGURER));
        assertFalse(openSearch.containsKey("hibernate.search.backend.directory.root"));
    }

    @Test
    void thePrefixedLayoutNamesIndexesAndAliasesAndFindsTheIndexOfAHit() {
        PrefixedIndexLayout layout = new PrefixedIndexLayout("p-");

        assertEquals("p-sessions-000001", layout.createInitialElasticsearchIndexName("sessions"));
        assertEquals("p-sessions-read", layout.createReadAlias("sessions"));
        assertEquals("p-sessions-write", layout.createWriteAlias("sessions"));
        assertEquals(layout.extractUniqueKeyFromHibernateSearchIndexName("sessions"),
                layout.extractUniqueKeyFromElasticsearchIndexName("p-sessions-000001"));
        assertThrows(IllegalArgumentException.class, () -> layout.extractUniqueKeyFromElasticsearchIndexName("other"));
    }
}
