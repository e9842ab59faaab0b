package dev.ait42.session.bench;

import dev.ait42.session.search.TextAnalysis;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The ceiling for reindexing on this machine: the same texts, analyzer and fields written
 * straight to a Lucene IndexWriter by two threads, with no database, ORM or Hibernate Search
 * in between (texts are read into memory first, untimed). Reindex throughput is judged
 * against it.
 */
final class LuceneCeiling {

    private record Text(long sessionPk, String id, String content) {
    }

    private LuceneCeiling() {
    }

    /** Documents per second; {@code folder} must not exist yet. */
    static double measure(Connection db, Path folder) throws SQLException, IOException, InterruptedException {
        List<Text> texts = new ArrayList<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("select pk, id, task from sessions union all"
                     + " select session_pk, cast(instance_id as text), agent_name || ' ' || coalesce(output, '') from instances"
                     + " union all select session_pk, id, content from chat_messages")) {
            while (rs.next()) {
                texts.add(new Text(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        int threads = 2;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try (FSDirectory dir = FSDirectory.open(folder);
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(TextAnalysis.indexAnalyzer()))) {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < texts.size(); i += threads) {
                        writer.addDocument(document(texts.get(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
            writer.commit();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return texts.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** The fields a message document has in the store's index. */
    private static Document document(Text text) {
        Document doc = new Document();
        doc.add(new StringField("_id", text.sessionPk() + "/" + text.id(), Field.Store.YES));
        doc.add(new TextField("content", text.content(), Field.Store.YES));
        doc.add(new LongPoint("sessionPk", text.sessionPk()));
        doc.add(new StoredField("sessionPk", text.sessionPk()));
        doc.add(new NumericDocValuesField("sessionPk", text.sessionPk()));
        doc.add(new StringField("workspace", "0123456789abcdef", Field.Store.NO));
        doc.add(new StringField("type", "competition", Field.Store.NO));
        doc.add(new StringField("status", "completed", Field.Store.NO));
        doc.add(new LongPoint("createdAt", 1_735_689_600_000L));
        return doc;
    }
}
