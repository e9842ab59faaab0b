package dev.ait42.session.spring;

import dev.ait42.session.Fixtures;
import dev.ait42.session.SessionServices;
import dev.ait42.session.SharedPersistenceUnit;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.Session;
import dev.ait42.session.repository.SessionRepository;
import org.hibernate.engine.spi.SessionImplementor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The library inside an application's Spring transactions on its own Hikari pool of SQLite
 * connections (every transaction IMMEDIATE, as the Boot auto-configuration sets them): several
 * writers at once wait for each other, and no library call leaves a statement open in the
 * caller's transaction (an open reader makes sqlite-jdbc's commit fail with SQLITE_BUSY at once).
 */
class SpringTransactionsUnderContentionTest {

    @TempDir
    Path dir;

    SharedPersistenceUnit unit;
    TransactionTemplate transactions;
    SessionRepository sessions;
    String ws;

    @BeforeEach
    void open() {
        unit = new SharedPersistenceUnit(dir.resolve("app.db"), false, Map.of());
        JpaTransactionManager manager = new JpaTransactionManager(unit.factory);
        transactions = new TransactionTemplate(manager);
        sessions = SessionServices.on(new SpringUnitOfWork(unit.factory, manager), unit.dataSource).sessions();
        ws = sessions.registerWorkspace(dir.resolve("project")).getHash();
    }

    @AfterEach
    void close() {
        unit.close();
    }

    @Test
    void fourThreadsOfTwentyCallerTransactionsAllCommit() throws Exception {
        Session busy = sessions.create(ws, Fixtures.sessionWithGraph("many writers", 1, 1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        String id = "w" + thread + "-" + i;
                        transactions.executeWithoutResult(status -> {
                            sessions.addChatMessage(ws, busy.getId(), Fixtures.message(id, "step " + id));
                            sessions.updateInstanceStatus(ws, busy.getId(), 0, InstanceStatus.RUNNING);
                        });
                    }
                }));
            }
            for (Future<?> w : writers) {
                w.get(); // a failed commit surfaces here
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(81, sessions.get(ws, busy.getId()).getMessages().size());
    }

    @Test
    void libraryCallsInACallerTransactionLeaveNoResultSetOpenForItsCommit() {
        Session s = sessions.create(ws, Fixtures.sessionWithGraph("reads then writes", 1, 1));
        transactions.executeWithoutResult(status -> {
            sessions.get(ws, s.getId());
            sessions.addChatMessage(ws, s.getId(), Fixtures.message("m-late", "one more"));
            sessions.updateInstanceStatus(ws, s.getId(), 0, InstanceStatus.COMPLETED);

            SessionImplementor hibernate = EntityManagerFactoryUtils.getTransactionalEntityManager(unit.factory)
                    .unwrap(SessionImplementor.class);
            assertFalse(hibernate.getJdbcCoordinator().getLogicalConnection().getResourceRegistry()
                    .hasRegisteredResources(), "a statement of the library is still open before the commit");
        });
        assertEquals(InstanceStatus.COMPLETED, sessions.get(ws, s.getId()).getInstances().get(0).getStatus());
    }
}
