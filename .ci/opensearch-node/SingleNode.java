import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch server for the tests, run from Maven Central's jars (.ci/opensearch).
 * The modules an installed server loads from its modules folder are plain jars here, so they are
 * passed to the node as classpath plugins: Netty 4 for HTTP and transport, and the common analysis
 * module for the stemmer, CJK and width filters the library's analyzers use, and the reindex
 * module for delete-by-query (Hibernate Search purges an index with it).
 *
 *   java -cp JARS SingleNode.java HOME HTTP_PORT TRANSPORT_PORT
 */
public final class SingleNode extends Node {

    private SingleNode(Settings settings) {
        super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "ait42-test"),
                List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, ReindexPlugin.class), true);
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Settings settings = Settings.builder()
                .put("cluster.name", "ait42-test")
                .put("node.name", "ait42-test")
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("network.host", "127.0.0.1")
                .put("http.port", args[1])
                .put("transport.port", args[2])
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                .put("discovery.type", "single-node")
                // a nearly full disk on a build machine must not turn the test indexes read-only
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", false)
                .build();
        Node node = new SingleNode(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        node.start();
        System.out.println("OpenSearch started on 127.0.0.1:" + args[1]);
        Thread.currentThread().join();
    }
}
