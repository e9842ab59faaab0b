package dev.ait42.session.spring.boot;

import dev.ait42.session.search.SearchBackend;

import dev.ait42.session.StorageException;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.mapping.SessionMapping;
import dev.ait42.session.store.SqliteSettings;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;

import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Adds the library's entities and its Hibernate Search settings to Boot's persistence unit. The
 * index lives next to the SQLite file unless {@code ait42.session.search.index-directory} says
 * otherwise, or in the OpenSearch cluster of {@code ait42.session.search.backend=opensearch}; mapping and analysis configurers of the application's own are kept beside the library's.
 */
final class SessionHibernateProperties implements HibernatePropertiesCustomizer {

    private final DataSource dataSource;
    private final Path indexDirectory;
    private final SearchBackend backend;

    SessionHibernateProperties(DataSource dataSource, Path indexDirectory, SearchBackend backend) {
        this.dataSource = dataSource;
        this.indexDirectory = indexDirectory;
        this.backend = backend;
    }

    @Override
    public void customize(Map<String, Object> properties) {
        properties.put(SessionMapping.CONTRIBUTE, true);
        Map<String, Object> search = SessionMapping.searchProperties(backend,
                backend.shared() ? null : indexDirectory()); // an OpenSearch index has no folder
        for (String list : new String[] {SessionMapping.MAPPING_CONFIGURER, SessionMapping.ANALYSIS_CONFIGURER}) {
            Object own = properties.get(list);
            if (own != null && !own.toString().isBlank()) {
                search.put(list, own + "," + search.get(list)); // the application's, then ours
            }
        }
        properties.putAll(search);
    }

    private Path indexDirectory() {
        if (indexDirectory != null) {
            return indexDirectory;
        }
        String url = SqliteSettings.urlOf(dataSource);
        if (!SqliteSettings.isSqliteUrl(url)) {
            throw new StorageException("set ait42.session.search.index-directory: the search index has no default"
                    + " folder on " + url + " (only next to a SQLite file)");
        }
        String file = url.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        file = query < 0 ? file : file.substring(0, query);
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        if (file.isEmpty() || file.contains(":memory:") || file.contains("mode=memory")) {
            throw new StorageException("set ait42.session.search.index-directory: an in-memory SQLite database"
                    + " has no folder for the search index");
        }
        return StoreConfig.of(Path.of(file)).indexDirectory(); // where the embedded store would put it
    }
}
