package org.flamesaudit.dataset;

import org.flamesaudit.support.JsonlLineReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restart contract of the import reader (spring-batch testRestart): read two, store one, rebuild, expect the second:
 * it resumes after the last line the database holds, whatever JBeret's checkpoint says.
 */
class PromptLineItemReaderTest {

    @TempDir
    Path dir;

    private long stored;

    private PromptLineItemReader reader(Path file) {
        PromptLineItemReader reader = new PromptLineItemReader();
        reader.promptSetId = "7";
        reader.store = new DatasetStore() {
            @Override
            public PromptSet require(long id) {
                assertThat(id).isEqualTo(7);
                return new PromptSet("s", 1, "0".repeat(64), "src", file.toString());
            }

            @Override
            public long lastStoredLine(long setId) {
                return stored;
            }
        };
        return reader;
    }

    @Test
    void should_continue_after_the_last_stored_line_even_when_the_checkpoint_is_ahead() throws Exception {
        Path file = dir.resolve("p.jsonl");
        Files.write(file, "一\r\n二\n三\n四".getBytes(StandardCharsets.UTF_8));
        PromptLineItemReader first = reader(file);
        first.open(null);
        assertThat(((JsonlLineReader.RawLine) first.readItem()).lineNumber()).isEqualTo(1);
        assertThat(((JsonlLineReader.RawLine) first.readItem()).lineNumber()).isEqualTo(2);
        Serializable checkpoint = first.checkpointInfo(); // after line 2; only line 1 reached the database
        first.close();
        stored = 1;

        PromptLineItemReader second = reader(file);
        second.open(checkpoint);
        JsonlLineReader.RawLine again = (JsonlLineReader.RawLine) second.readItem();
        assertThat(again.lineNumber()).isEqualTo(2);
        assertThat(new String(again.bytes(), StandardCharsets.UTF_8)).isEqualTo("二");
        assertThat(((JsonlLineReader.RawLine) second.readItem()).lineNumber()).isEqualTo(3);
        assertThat(((JsonlLineReader.RawLine) second.readItem()).lineNumber()).isEqualTo(4);
        assertThat(second.readItem()).isNull();
        second.close();
    }
}
