package org.flamesaudit.support;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportDirectoriesTest {

    @TempDir
    Path tmp;
    Path inbox;
    Path outside;
    ImportDirectories dirs;

    @BeforeEach
    void setUp() throws Exception {
        inbox = Files.createDirectories(tmp.resolve("inbox"));
        outside = Files.writeString(tmp.resolve("secret.txt"), "not for the API");
        Files.writeString(inbox.resolve("prompts.jsonl"), "{}\n");
        Files.createDirectories(inbox.resolve("sub"));
        Files.writeString(inbox.resolve("sub/scores.jsonl"), "{}\n");
        dirs = new ImportDirectories(List.of(inbox));
    }

    @Test
    void filesInsideAreAcceptedByAbsoluteOrRelativePath() throws Exception {
        assertThat(dirs.require("source", inbox.resolve("prompts.jsonl").toString()))
                .isEqualTo(inbox.resolve("prompts.jsonl").toRealPath());
        assertThat(dirs.require("scorer.file", "sub/scores.jsonl"))
                .isEqualTo(inbox.resolve("sub/scores.jsonl").toRealPath());
        assertThat(dirs.require("source", inbox + "/sub/../prompts.jsonl"))
                .isEqualTo(inbox.resolve("prompts.jsonl").toRealPath());
    }

    @Test
    void dotDotAbsolutePathsAndSymbolicLinksOutsideAreRefused() throws Exception {
        Files.createSymbolicLink(inbox.resolve("link.jsonl"), outside);
        Files.createSymbolicLink(inbox.resolve("linkdir"), tmp);
        for (String escape : List.of("../secret.txt", inbox + "/../secret.txt", outside.toString(), "/etc/passwd",
                "link.jsonl", "linkdir/secret.txt", "sub/../../secret.txt")) {
            assertThatThrownBy(() -> dirs.require("target.file", escape)).as(escape)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("outside the import directories")
                    .hasMessageContaining(ImportDirectories.ENV)
                    .satisfies(e -> assertThat(((ConfigurationException) e).field()).isEqualTo("target.file"));
        }
    }

    @Test
    void urlsMissingFilesAndDirectoriesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> dirs.require("source", "file:///etc/passwd")).hasMessageContaining("is a URL");
        assertThatThrownBy(() -> dirs.require("source", "jar:file:/x.jar!/a")).hasMessageContaining("is a URL");
        assertThatThrownBy(() -> dirs.require("source", "missing.jsonl")).hasMessageContaining("no file");
        assertThatThrownBy(() -> dirs.require("source", "sub")).hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> dirs.require("source", " ")).hasMessageContaining("is required");
    }

    @Test
    void aConfiguredDirectoryThatIsALinkStillWorksByItsConfiguredName() throws Exception {
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), inbox);
        ImportDirectories viaAlias = new ImportDirectories(List.of(alias));
        assertThat(viaAlias.require("source", alias + "/prompts.jsonl"))
                .isEqualTo(inbox.resolve("prompts.jsonl").toRealPath());
        assertThatThrownBy(() -> new ImportDirectories(List.of(tmp.resolve("nope"))))
                .hasMessageContaining("import directory").hasMessageContaining(ImportDirectories.ENV);
    }
}
