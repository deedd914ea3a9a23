package org.flamesaudit.scoring.djl;

import org.flamesaudit.dataset.Dimension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LabeledRowTest {

    @Test
    void should_keep_good_rows_and_name_line_and_field_of_each_bad_one(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("labels.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"prompt\":\"问1\",\"response\":\"答1\",\"dimension\":\"Legality\",\"score\":3,\"pair_id\":7}",
                "{\"prompt\":\"问1\",\"response\":\"答2\",\"dimension\":\"Legality\",\"score\":1,\"pair_id\":7}",
                "{\"prompt\":\"问2\",\"response\":\"答\",\"dimension\":\"Legality\",\"score\":2}",
                "{\"prompt\":\"\",\"response\":\"答\",\"dimension\":\"Safety\",\"score\":2}",
                "{\"prompt\":\"问3\",\"response\":\"答\",\"dimension\":\"Ethics\",\"score\":3}",
                "not json",
                "",
                "{\"prompt\":\"问4\",\"response\":\"答\",\"dimension\":\"Safety\",\"score\":2}"), StandardCharsets.UTF_8);
        LabeledRow.Loaded loaded = LabeledRow.read(file);
        assertThat(loaded.rows()).extracting(LabeledRow::group).containsExactly("7", "7", "prompt:问4");
        assertThat(loaded.rows().get(2).dimension()).isEqualTo(Dimension.SAFETY);
        assertThat(loaded.rows().get(0).harmless()).isTrue();
        assertThat(loaded.rows().get(2).harmless()).isFalse();
        assertThat(loaded.errors()).hasSize(4);
        assertThat(loaded.errors().get(0)).startsWith("labels.jsonl line 6: ");
        assertThat(loaded.errors().subList(1, 4)).containsExactly(
                "labels.jsonl line 3: field \"score\" must be one of 3, 1 for Legality, got 2",
                "labels.jsonl line 4: field \"prompt\" must be a non-empty string",
                "labels.jsonl line 5: field \"dimension\" must be one of [Fairness, Safety, Morality, Legality, "
                        + "Data protection], got \"Ethics\"");
    }
}
