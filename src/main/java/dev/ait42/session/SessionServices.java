package dev.ait42.session;

import dev.ait42.session.legacy.LegacyHistory;
import dev.ait42.session.maintenance.Maintenance;
import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.search.FullTextSearch;
import dev.ait42.session.search.IndexCatchUp;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * The library's operations on one {@link UnitOfWork}: what an application gets in the shared
 * mode, where the library's mapping is part of the application's own persistence unit (the
 * embedded {@link SessionStore} holds one of these too).
 *
 * <pre>{@code
 * SessionServices services = SessionServices.on(UnitOfWork.resourceLocal(factory), dataSource);
 * services.sessions().create(workspaceHash, session);
 * }</pre>
 *
 * Spring Boot and CDI applications get the same objects as beans, without this class.
 */
public final class SessionServices {

    private final UnitOfWork unit;
    private final SessionRepository sessions;
    private final FullTextSearch fullText;
    private final Maintenance maintenance;

    private SessionServices(UnitOfWork unit, Maintenance maintenance, IndexCatchUp catchUp) {
        this.unit = unit;
        this.sessions = SessionRepository.create(unit);
        this.fullText = new FullTextSearch(unit, catchUp);
        this.maintenance = maintenance;
    }

    /**
     * @param dataSource the database's data source, for maintenance work that must run outside a
     *                   transaction (an online backup); null when maintenance is not wanted
     */
    public static SessionServices on(UnitOfWork unit, DataSource dataSource) {
        Objects.requireNonNull(unit, "unit");
        // An application's node holds its Lucene index writer (Lucene's own lock keeps a second
        // one out), or drains its share of a shared OpenSearch index's work, in the background
        // until its persistence unit closes.
        IndexCatchUp catchUp = IndexCatchUp.of(unit);
        catchUp.excludeLibraryTypesFromAutomaticIndexing();
        catchUp.start(StoreConfig.DEFAULT_CATCH_UP_PERIOD);
        return new SessionServices(unit, dataSource == null ? null : new Maintenance(dataSource), catchUp);
    }

    static SessionServices on(UnitOfWork unit, Maintenance maintenance, IndexCatchUp catchUp) {
        return new SessionServices(unit, maintenance, catchUp);
    }

    public UnitOfWork unitOfWork() {
        return unit;
    }

    /** Sessions, instances and messages of every workspace. */
    public SessionRepository sessions() {
        return sessions;
    }

    /** Full-text search over tasks, agent outputs and chat history; reindexing. */
    public FullTextSearch fullText() {
        return fullText;
    }

    /** Import, verification and export of the legacy JSON history. */
    public LegacyHistory legacy() {
        return new LegacyHistory(this);
    }

    /** Integrity check, optimize, online backup. */
    public Maintenance maintenance() {
        if (maintenance == null) {
            throw new IllegalStateException("maintenance needs the database's DataSource: "
                    + "create these services with SessionServices.on(unit, dataSource)");
        }
        return maintenance;
    }
}
