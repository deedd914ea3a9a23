package org.flamesaudit.keys;

import org.flamesaudit.support.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialStoreKeysTest {

    @TempDir
    Path dir;

    @Test
    void should_store_rotate_list_and_remove_keys_by_alias() throws Exception {
        Path file = dir.resolve("keys.cs");
        CredentialStoreKeys keys = new CredentialStoreKeys(file, "store-pw".toCharArray());
        assertThat(keys.retrieve("deepseek")).isNull();
        assertThat(keys.aliases()).isEmpty();
        assertThat(Files.exists(file)).isFalse();

        assertThat(keys.store("deepseek", "sk-first")).isFalse();
        assertThat(keys.store("judge.qwen", "sk-judge")).isFalse();
        assertThat(keys.retrieve("deepseek")).isEqualTo("sk-first");
        assertThat(keys.store("deepseek", "sk-rotated")).isTrue();
        assertThat(keys.retrieve("deepseek")).isEqualTo("sk-rotated");
        assertThat(keys.aliases()).containsExactly("deepseek", "judge.qwen");

        // the file is a real credential store: another instance (another node, or elytron-tool) reads it
        CredentialStoreKeys other = new CredentialStoreKeys(file, "store-pw".toCharArray());
        assertThat(other.retrieve("deepseek")).isEqualTo("sk-rotated");
        assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("sk-rotated");

        assertThat(keys.remove("judge.qwen")).isTrue();
        assertThat(keys.remove("judge.qwen")).isFalse();
        assertThat(keys.aliases()).containsExactly("deepseek");
    }

    @Test
    void should_read_the_file_again_when_another_writer_changed_it() throws Exception {
        Path file = dir.resolve("keys.cs");
        CredentialStoreKeys server = new CredentialStoreKeys(file, "pw".toCharArray());
        server.store("target", "sk-old-key");
        assertThat(server.retrieve("target")).isEqualTo("sk-old-key");

        CredentialStoreKeys tool = new CredentialStoreKeys(file, "pw".toCharArray());
        tool.store("target", "sk-new-key");
        // file systems with coarse timestamps: make the change visible as a new modification time
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(server.retrieve("target")).isEqualTo("sk-new-key");
    }

    @Test
    void should_fail_with_what_to_do_when_no_password_is_configured() {
        CredentialStoreKeys keys = new CredentialStoreKeys(dir.resolve("keys.cs"), null);
        assertThat(keys.configured()).isFalse();
        assertThatThrownBy(() -> keys.retrieve("deepseek")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("export FLAMES_CREDENTIAL_STORE_PASSWORD");
    }

    @Test
    void should_refuse_a_wrong_password_without_touching_the_store() throws Exception {
        Path file = dir.resolve("keys.cs");
        new CredentialStoreKeys(file, "right".toCharArray()).store("deepseek", "sk-1-key-x");
        byte[] before = Files.readAllBytes(file);
        CredentialStoreKeys wrong = new CredentialStoreKeys(file, "wrong".toCharArray());
        assertThatThrownBy(() -> wrong.retrieve("deepseek")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be").hasMessageContaining("FLAMES_CREDENTIAL_STORE_PASSWORD")
                .hasMessageNotContaining("sk-1-key-x");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void should_refuse_aliases_that_are_not_plain_names() {
        CredentialStoreKeys keys = new CredentialStoreKeys(dir.resolve("keys.cs"), "pw".toCharArray());
        for (String bad : new String[]{"", "Upper", "../x", "a b", "sk-" + "x".repeat(100)}) {
            assertThatThrownBy(() -> keys.store(bad, "v")).as(bad).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("alias: must be");
        }
        assertThatThrownBy(() -> keys.remove("../x")).hasMessageStartingWith("alias: must be");
        for (String bad : new String[]{" sk-padded", "", "k", "sk-1234", "k".repeat(CredentialStoreKeys.MAX_SECRET + 1)}) {
            assertThatThrownBy(() -> keys.store("ok", bad)).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("value: must be 8 to 8192 characters");
        }
    }
}
