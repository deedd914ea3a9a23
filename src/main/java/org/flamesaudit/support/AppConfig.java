package org.flamesaudit.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the application keeps its files: {@code flames.data.dir} (system property) or {@code FLAMES_DATA_DIR}
 * (environment), else {@code <jboss.server.data.dir>/flames-audit}.
 */
public final class AppConfig {

    private AppConfig() {
    }

    public static Path dataDir() {
        String dir = Setting.DATA_DIR.value().orElse(null);
        if (dir == null) {
            String server = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
            dir = Path.of(server, "flames-audit").toString();
        }
        try {
            return Files.createDirectories(Path.of(dir));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data directory " + dir + ": " + e.getMessage()
                    + "; set flames.data.dir or FLAMES_DATA_DIR to a writable directory", e);
        }
    }

    /** WildFly's configuration directory ({@code jboss.server.config.dir}), or null outside the server. */
    public static java.nio.file.Path serverConfigDir() {
        String dir = System.getProperty("jboss.server.config.dir");
        return dir == null ? null : java.nio.file.Path.of(dir);
    }

    /**
     * This server's node name: {@code jboss.node.name}, which WildFly defaults to the host name. Runs, answers and
     * imports record it; each node recovers and restarts only its own.
     */
    public static String nodeName() {
        String node = System.getProperty("jboss.node.name");
        if (node == null || node.isBlank()) {
            try {
                node = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                node = "unknown";
            }
        }
        return node;
    }
}
