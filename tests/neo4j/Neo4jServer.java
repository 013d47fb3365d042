import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A real Neo4j 5 Community server for govkg's tests, through neo4j-harness: Bolt on 127.0.0.1 only
 * (port 0: the system picks a free one), no HTTP, no usage reports.
 *
 * <pre>java -cp CLASSPATH Neo4jServer WORK_DIR [HOME_TO_SERVE]</pre>
 *
 * WORK_DIR holds the server's folder (removed when it stops); HOME_TO_SERVE, when given, is a Neo4j
 * home whose data/ holds a database neo4j (data/databases/neo4j and data/transactions/neo4j, as
 * neo4j-admin database import full writes them there): it is copied in and served. The password of user neo4j is read from the environment variable
 * GOVKG_NEO4J_PASSWORD (8 characters or more), never from the command line. Memory: GOVKG_NEO4J_PAGECACHE_MB (default 256).
 *
 * Once Bolt accepts connections it prints one line, {@code bolt://127.0.0.1:PORT}, and runs until
 * it is killed or its standard input closes (the process that started it has gone), then shuts the
 * database down cleanly.
 */
public final class Neo4jServer {
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: Neo4jServer WORK_DIR [HOME_TO_SERVE]");
            System.exit(2);
        }
        String password = System.getenv("GOVKG_NEO4J_PASSWORD");
        if (password == null || password.isEmpty()) {
            System.err.println("set GOVKG_NEO4J_PASSWORD to the password of user neo4j");
            System.exit(2);
        }
        long pagecacheMb = Long.parseLong(System.getenv().getOrDefault("GOVKG_NEO4J_PAGECACHE_MB", "256"));

        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(Path.of(args[0]).toAbsolutePath())
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.udc_enabled, false)
                .withConfig(GraphDatabaseSettings.pagecache_memory, pagecacheMb * 1024 * 1024)
                // a test server: stop in a second or two, not after Netty's default grace period
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1));
        Neo4j neo4j;
        try {
            if (args.length == 2) {
                builder = builder.copyFrom(Path.of(args[1]).toAbsolutePath());
            }
            neo4j = builder.build();
        } catch (RuntimeException e) {
            System.err.println("Neo4j did not start: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { long t = System.nanoTime(); neo4j.close(); System.err.println("closed in " + (System.nanoTime() - t) / 1000000 + " ms"); }));
        try {
            // embedded calls bypass auth: set the password the clients must give
            neo4j.databaseManagementService().database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            System.err.println("cannot set the password of user neo4j: " + e.getMessage());
            System.exit(1);
        }

        System.out.println(neo4j.boltURI());
        System.out.flush();

        InputStream in = System.in;
        try {
            while (in.read() != -1) {
                // nothing is expected on stdin: it is only watched for end of file
            }
        } catch (IOException ignored) {
            // the pipe broke: the parent has gone
        }
        System.exit(0); // runs the shutdown hook
    }
}
