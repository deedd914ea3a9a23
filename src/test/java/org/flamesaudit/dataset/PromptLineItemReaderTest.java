package org.flamesaudit.dataset;

import org.flamesaudit.support.JsonlLineReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Restart contract of the import reader (spring-batch testRestart): read two, checkpoint, rebuild, expect the third. */
class PromptLineItemReaderTest {

    @TempDir
    Path dir;

    private PromptLineItemReader reader(Path file) {
        PromptLineItemReader reader = new PromptLineItemReader();
        reader.promptSetId = "7";
        reader.store = new DatasetStore() {
            @Override
            public PromptSet require(long id) {
                assertThat(id).isEqualTo(7);
                return new PromptSet("s", 1, "0".repeat(64), "src", file.toString());
            }
        };
        return reader;
    }

    @Test
    void should_continue_with_the_third_line_after_a_restart_from_the_checkpoint() throws Exception {
        Path file = dir.resolve("p.jsonl");
        Files.write(file, "一\r\n二\n三\n四".getBytes(StandardCharsets.UTF_8));
        PromptLineItemReader first = reader(file);
        first.open(null);
        assertThat(((JsonlLineReader.RawLine) first.readItem()).lineNumber()).isEqualTo(1);
        assertThat(((JsonlLineReader.RawLine) first.readItem()).lineNumber()).isEqualTo(2);
        Serializable checkpoint = first.checkpointInfo();
        first.close();

        PromptLineItemReader second = reader(file);
        second.open(checkpoint);
        JsonlLineReader.RawLine third = (JsonlLineReader.RawLine) second.readItem();
        assertThat(third.lineNumber()).isEqualTo(3);
        assertThat(new String(third.bytes(), StandardCharsets.UTF_8)).isEqualTo("三");
        assertThat(((JsonlLineReader.RawLine) second.readItem()).lineNumber()).isEqualTo(4);
        assertThat(second.readItem()).isNull();
        second.close();
    }
}
