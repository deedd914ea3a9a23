package org.flamesaudit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;

/**
 * A second WildFly process of the provisioned server, with its own base directory (so its own H2 database) and a
 * port offset, that a test can kill with SIGKILL and start again - a real crash, not a shutdown.
 * <p>
 * Why not Arquillian's managed container (which the in-container tests use): it can only stop a server cleanly,
 * and these tests need the process killed mid-write (SIGKILL) and started again on the same files, several nodes
 * with different settings at once, and the server's own log to read back.
 */
public final class ServerProcess implements AutoCloseable {

    private final Path serverHome;
    private final Path baseDir;
    private final int portOffset;
    private Process process;
    private String nodeName = "crash-it-node";
    private int scheduleGraceSeconds = 20;
    private String jvmOptions = "-Xms256m -Xmx1g -XX:TieredStopAtLevel=1";
    private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();

    public ServerProcess(Path serverHome, Path baseDir, int portOffset) {
        this.serverHome = serverHome;
        this.baseDir = baseDir;
        this.portOffset = portOffset;
    }

    /** Copies the provisioned standalone configuration and deployment into a fresh base directory. */
    public ServerProcess prepareFreshBaseDir() {
        try {
            if (Files.exists(baseDir)) {
                try (var walk = Files.walk(baseDir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Path source = serverHome.resolve("standalone");
            for (String sub : List.of("configuration", "deployments")) {
                copyTree(source.resolve(sub), baseDir.resolve(sub));
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node name ({@code jboss.node.name}) the server runs under; a run and a firing record it. */
    public ServerProcess nodeName(String name) {
        this.nodeName = name;
        return this;
    }

    /** How old a due schedule slot may be before it counts as missed ({@code flames.schedules.grace-seconds}). */
    public ServerProcess scheduleGraceSeconds(int seconds) {
        this.scheduleGraceSeconds = seconds;
        return this;
    }

    /** An environment variable of the server process (for example how it reaches the partition broker). */
    public ServerProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * The server JVM's heap and compiler options, replacing the tests' default {@code -Xms256m -Xmx1g
     * -XX:TieredStopAtLevel=1} (C1 only: quick to boot, slow to run); a benchmark gives the options of production.
     */
    public ServerProcess jvmOptions(String options) {
        this.jvmOptions = options;
        return this;
    }

    /** CPU time the server's processes (the launcher script and its JVM) have used so far, all threads. */
    public Duration cpuTime() {
        return process.descendants().map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(process.info().totalCpuDuration().orElse(Duration.ZERO), Duration::plus);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + (8080 + portOffset);
    }

    public void start(Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(serverHome.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + baseDir, "-Djboss.socket.binding.port-offset=" + portOffset,
                "-Djboss.node.name=" + nodeName,
                "-Dflames.schedules.tick-seconds=2", "-Dflames.schedules.grace-seconds=" + scheduleGraceSeconds)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("console.log").toFile()));
        // C1 only (-XX:TieredStopAtLevel=1): these servers live for a test or a kill and spend most of their life
        // booting; on the 2-core build machine C1 alone booted the provisioned server in 21.8 s against 25.0 s with
        // the default tiered compilation (three boots each, side by side, 2026-11-30). Never for production.
        pb.environment().put("JAVA_OPTS", jvmOptions + " -Djava.net.preferIPv4Stack=true "
                + "-Dflames.import.dirs="
                + System.getProperty("flames.it.import.dirs", ApiClient.flamesFile().getParent().toString()));
        pb.environment().putAll(environment);
        process = pb.start();
        ApiClient api = new ApiClient(baseUrl());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (api.get("/api/datasets").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited; see " + baseDir.resolve("console.log"));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("server did not start in " + timeout + "; see " + baseDir.resolve("console.log"));
    }

    /** SIGKILL the server JVM and its launcher script: no shutdown hook, no cleanup, like a power cut. */
    public void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        for (ProcessHandle h : process.descendants().toList()) {
            h.onExit().join();
        }
        Thread.sleep(500);
    }

    /**
     * Stops the server as an operator would (SIGTERM: WildFly's graceful shutdown undeploys the application, which
     * closes its broker connections), waiting up to {@code timeout}, then kills it if it has not exited.
     */
    public void stop(Duration timeout) throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> jvms = process.descendants().toList();
        jvms.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle h : jvms) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        kill();
    }

    @Override
    public void close() throws Exception {
        kill();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
