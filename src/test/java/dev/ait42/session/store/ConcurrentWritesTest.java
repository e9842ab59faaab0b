package dev.ait42.session.store;

import dev.ait42.session.Fixtures;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.model.Session;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Writers from several threads queue on the single write connection instead of failing with SQLITE_BUSY. */
class ConcurrentWritesTest extends StoreTestSupport {

    @Test
    void fourThreadsAppendingToOneSessionLoseNothing() throws Exception {
        Session s = repo.create(ws, Fixtures.session("busy session"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int m = 0; m < 25; m++) {
                        repo.addChatMessage(ws, s.getId(), Fixtures.message("t" + thread + "-" + m, "text"));
                        repo.get(ws, s.getId()); // reads interleave with the writes
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Session after = repo.get(ws, s.getId());
        assertEquals(100, after.getMessages().size());
        Set<Integer> seqs = new HashSet<>();
        after.getMessages().forEach(m -> seqs.add(m.getSeq()));
        assertEquals(100, seqs.size(), "every message got its own position");
        assertEquals(100, countRows("SELECT count(*) FROM chat_messages"));
    }
}
