package org.flamesaudit.dataset;

import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.ImportDirectories;
import org.flamesaudit.support.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.UUID;

/**
 * Copies a prompt file from a local path or an https URL into the application's import directory, computing its
 * SHA-256 on the way, so the import job reads a file that cannot change under it. Plain http is accepted only for
 * loopback addresses (local mirrors and tests).
 */
public final class SourceStager {

    public static final long MAX_BYTES = 200L * 1024 * 1024;

    public record Staged(Path file, String sha256, long bytes) {
    }

    private final Path importDir;
    private final ImportDirectories readable;
    private final boolean loopbackHttp;

    /**
     * @param importDir    where staged copies are written
     * @param readable     the only directories a local source path may name
     * @param loopbackHttp whether plain http is accepted for loopback hosts (a local mirror; off unless configured)
     */
    public SourceStager(Path importDir, ImportDirectories readable, boolean loopbackHttp) {
        this.importDir = importDir;
        this.readable = readable;
        this.loopbackHttp = loopbackHttp;
    }

    public Staged stage(String source) {
        if (source == null || source.isBlank()) {
            throw new ConfigurationException("source", "is required: a local file path or an https URL");
        }
        try {
            Files.createDirectories(importDir);
        } catch (IOException e) {
            throw new ConfigurationException("source", "cannot create the import directory " + importDir + ": " + e);
        }
        try (InputStream in = open(source.strip())) {
            return copyIn(in);
        } catch (IOException e) {
            throw new ConfigurationException("source", "cannot read " + source + ": " + e);
        }
    }

    /** Stages bytes sent by a client (an upload), with the same size limit and the same content addressing. */
    public Staged stage(InputStream upload) {
        try {
            return copyIn(upload);
        } catch (IOException e) {
            throw new ConfigurationException("file", "cannot read the uploaded file: " + e);
        }
    }

    private Staged copyIn(InputStream in) throws IOException {
        Files.createDirectories(importDir);
        Path tmp = importDir.resolve("incoming-" + UUID.randomUUID() + ".part");
        MessageDigest digest = Sha256.newDigest();
        long bytes;
        try (OutputStream out = Files.newOutputStream(tmp)) {
            bytes = copy(in, out, digest);
        } catch (ConfigurationException | IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        String sha = Sha256.hex(digest);
        Path target = importDir.resolve(sha + ".jsonl");
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Staged(target, sha, bytes);
    }

    private InputStream open(String source) throws IOException {
        if (source.startsWith("https://") || source.startsWith("http://")) {
            URI uri = URI.create(source);
            if (uri.getScheme().equals("http") && !(loopbackHttp && isLoopback(uri.getHost()))) {
                throw new ConfigurationException("source", "plain http is refused; use an https URL");
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            try {
                HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    r.body().close();
                    throw new ConfigurationException("source", "download of " + source + " failed with HTTP "
                            + r.statusCode());
                }
                return r.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (source.contains("://") || source.regionMatches(true, 0, "file:", 0, 5)) {
            throw new ConfigurationException("source", "unsupported URL scheme; use an https URL or the path of a file "
                    + "inside the import directories");
        }
        return Files.newInputStream(readable.require("source", source));
    }

    private static boolean isLoopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static long copy(InputStream in, OutputStream out, MessageDigest digest) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > MAX_BYTES) {
                throw new ConfigurationException("source", "file is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            digest.update(buf, 0, n);
            out.write(buf, 0, n);
        }
        return total;
    }
}
