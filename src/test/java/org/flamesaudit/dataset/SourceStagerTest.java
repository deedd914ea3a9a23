package org.flamesaudit.dataset;

import com.sun.net.httpserver.HttpServer;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.ImportDirectories;
import org.flamesaudit.support.Sha256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceStagerTest {

    private static final byte[] CONTENT = "{\"dimension\":\"Safety\",\"prompt\":\"测试\"}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private HttpServer server;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/prompts.jsonl", ex -> {
            ex.sendResponseHeaders(200, CONTENT.length);
            ex.getResponseBody().write(CONTENT);
            ex.close();
        });
        server.createContext("/missing.jsonl", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void should_download_from_a_loopback_url_and_name_the_staged_copy_by_its_sha256() throws Exception {
        SourceStager.Staged staged = stager(true).stage(url("/prompts.jsonl"));
        assertThat(Files.readAllBytes(staged.file())).isEqualTo(CONTENT);
        assertThat(staged.sha256()).isEqualTo(Sha256.ofFile(staged.file())).hasSize(64);
        assertThat(staged.file().getFileName().toString()).isEqualTo(staged.sha256() + ".jsonl");
        assertThat(staged.bytes()).isEqualTo(CONTENT.length);
    }

    @Test
    void should_report_the_http_status_of_a_failed_download_and_leave_no_partial_file() throws Exception {
        assertThatThrownBy(() -> stager(true).stage(url("/missing.jsonl")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("HTTP 404")
                .extracting(e -> ((ConfigurationException) e).field()).isEqualTo("source");
        try (var files = Files.list(dir.resolve("imports"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void should_refuse_plain_http_to_a_remote_host_and_unknown_schemes() {
        SourceStager stager = stager(true);
        assertThatThrownBy(() -> stager.stage("http://example.com/prompts.jsonl"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("use an https URL");
        assertThatThrownBy(() -> stager(false).stage(url("/prompts.jsonl")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("plain http is refused");
        assertThatThrownBy(() -> stager.stage("file:///etc/passwd"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("unsupported URL scheme");
        assertThatThrownBy(() -> stager.stage("ftp://example.com/prompts.jsonl"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("unsupported URL scheme");
    }

    @Test
    void should_copy_a_local_file_and_name_a_missing_one() throws Exception {
        Path local = dir.resolve("local.jsonl");
        Files.write(local, CONTENT);
        SourceStager stager = stager(false);
        assertThat(stager.stage(local.toString()).sha256()).isEqualTo(Sha256.ofFile(local));
        assertThatThrownBy(() -> stager.stage(dir.resolve("nope.jsonl").toString()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("nope.jsonl");
        assertThatThrownBy(() -> stager.stage("  "))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("required");
    }

    @Test
    void should_stage_an_upload_by_its_sha256_and_leave_nothing_of_a_broken_one() throws Exception {
        SourceStager stager = stager(false);
        SourceStager.Staged staged = stager.stage(new java.io.ByteArrayInputStream(CONTENT));
        assertThat(Files.readAllBytes(staged.file())).isEqualTo(CONTENT);
        assertThat(staged.file().getFileName().toString()).isEqualTo(Sha256.ofFile(staged.file()) + ".jsonl");
        java.io.InputStream broken = new java.io.InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 100) {
                    return 'x';
                }
                throw new IOException("connection reset by client");
            }
        };
        assertThatThrownBy(() -> stager.stage(broken)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connection reset by client")
                .satisfies(e -> assertThat(((ConfigurationException) e).field()).isEqualTo("file"));
        try (var files = Files.list(dir.resolve("imports"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(staged.file().getFileName()
                    .toString());
        }
    }

    /** Local paths are read inside the test's directory only. */
    private SourceStager stager(boolean loopbackHttp) {
        return new SourceStager(dir.resolve("imports"), new ImportDirectories(List.of(dir)), loopbackHttp,
                List.of("example.com", "*.example.org"));
    }

    @Test
    void should_refuse_a_host_that_is_not_allowed_before_connecting() {
        assertThatThrownBy(() -> stager(false).stage("https://metadata.internal/latest/prompts.jsonl"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("host metadata.internal, which is not one of the hosts prompt files may be "
                        + "downloaded from (example.com, *.example.org); an admin sets them with FLAMES_IMPORT_HOSTS "
                        + "(or -Dflames.import.hosts)");
        SourceStager stager = stager(false);
        org.assertj.core.api.Assertions.assertThat(stager.allowed("EXAMPLE.com")).isTrue();
        org.assertj.core.api.Assertions.assertThat(stager.allowed("data.example.org")).isTrue();
        org.assertj.core.api.Assertions.assertThat(stager.allowed("example.org")).isFalse();
        org.assertj.core.api.Assertions.assertThat(stager.allowed("example.com.evil.net")).isFalse();
        org.assertj.core.api.Assertions.assertThat(stager.allowed("127.0.0.1")).as("no loopback mirror").isFalse();
    }

    @Test
    void should_follow_a_redirect_only_to_an_allowed_host() throws Exception {
        server.createContext("/moved.jsonl", ex -> {
            ex.getResponseHeaders().add("Location", "/prompts.jsonl");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/to-metadata.jsonl", ex -> {
            ex.getResponseHeaders().add("Location", "https://169.254.169.254/latest/meta-data");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        org.assertj.core.api.Assertions.assertThat(stager(true).stage(url("/moved.jsonl")).bytes())
                .isEqualTo(CONTENT.length);
        assertThatThrownBy(() -> stager(true).stage(url("/to-metadata.jsonl")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("redirects to host 169.254.169.254, which is not one of the hosts");
    }
}
