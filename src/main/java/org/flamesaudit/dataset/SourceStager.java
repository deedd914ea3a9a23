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
    private final java.util.List<String> hosts;

    /** The most redirects followed, each to an allowed host. */
    static final int MAX_REDIRECTS = 5;

    /**
     * @param importDir    where staged copies are written
     * @param readable     the only directories a local source path may name
     * @param loopbackHttp whether plain http is accepted for loopback hosts (a local mirror; off unless configured;
     *                     loopback hosts are then allowed too)
     * @param hosts        the only hosts a URL may name, redirects included: names, or {@code *.suffix} for a
     *                     domain's subdomains (case-insensitive)
     */
    public SourceStager(Path importDir, ImportDirectories readable, boolean loopbackHttp,
                        java.util.Collection<String> hosts) {
        this.importDir = importDir;
        this.readable = readable;
        this.loopbackHttp = loopbackHttp;
        this.hosts = hosts.stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).filter(h -> !h.isEmpty())
                .toList();
    }

    /** Whether a URL may name {@code host}: an allowed name or subdomain, or a loopback mirror when that is on. */
    boolean allowed(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(java.util.Locale.ROOT);
        for (String allowed : hosts) {
            if (allowed.startsWith("*.") ? h.endsWith(allowed.substring(1)) : h.equals(allowed)) {
                return true;
            }
        }
        return loopbackHttp && isLoopback(h);
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
            URI uri;
            try {
                uri = URI.create(source);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("source", "is not a valid URL (RFC 3986): " + e.getMessage());
            }
            uri = checked(uri, source);
            // redirects are followed here, each to an allowed host, never by the client
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                    .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade over plain http (see JsonHttpCall)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            try {
                for (int hop = 0; ; hop++) {
                    HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                    int status = r.statusCode();
                    if (status == 200) {
                        return r.body();
                    }
                    r.body().close();
                    var location = r.headers().firstValue("Location");
                    if (status / 100 == 3 && location.isPresent() && hop < MAX_REDIRECTS) {
                        uri = checked(uri.resolve(location.get()), source);
                        continue;
                    }
                    throw new ConfigurationException("source", "download of " + source + " failed with HTTP " + status
                            + (status / 100 == 3 ? " (more than " + MAX_REDIRECTS + " redirects)" : ""));
                }
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

    /** The URI if its scheme and host are allowed; refuses it, naming the setting, before any connection. */
    private URI checked(URI uri, String source) {
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new ConfigurationException("source", "unsupported URL scheme in " + source + "; use an https URL");
        }
        if (uri.getScheme().equals("http") && !(loopbackHttp && isLoopback(uri.getHost()))) {
            throw new ConfigurationException("source", "plain http is refused; use an https URL");
        }
        if (!allowed(uri.getHost())) {
            throw new ConfigurationException("source", (uri.toString().equals(source) ? "host " : source
                    + " redirects to host ") + uri.getHost() + ", which is not one of the hosts prompt files may be "
                    + "downloaded from (" + String.join(", ", hosts) + "); an admin sets them with "
                    + org.flamesaudit.support.Setting.IMPORT_HOSTS.label());
        }
        return uri;
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
