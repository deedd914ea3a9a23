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
        String dir = System.getProperty("flames.data.dir", System.getenv("FLAMES_DATA_DIR"));
        if (dir == null || dir.isBlank()) {
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
}
