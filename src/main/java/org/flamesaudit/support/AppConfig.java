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

    /**
     * The software's version, as built ({@code org/flamesaudit/support/version.properties}, filled in by Maven from
     * the project version): printed on every report cover. "unknown" when the resource is missing (a class path
     * without the build's resources).
     */
    public static String version() {
        try (java.io.InputStream in = AppConfig.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.contains("${") ? "unknown" : v;
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
