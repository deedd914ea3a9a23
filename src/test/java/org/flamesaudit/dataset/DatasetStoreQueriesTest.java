package org.flamesaudit.dataset;

import org.flamesaudit.testsupport.QueryTestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dataset store's queries on H2 migrated by the application's Flyway scripts, without a server. */
class DatasetStoreQueriesTest {

    @Test
    void duplicatePromptsAreReportedWithTheirLinesAndRejectedLinesArePaged() {
        try (QueryTestDatabase db = new QueryTestDatabase()) {
            long id = db.inTransaction(em -> {
                PromptSet set = new PromptSet("dups", 1, "1".repeat(64), "test", "dups.jsonl");
                em.persist(set);
                String[] texts = {"a", "b", "a", "c", "b", "a", "d"};
                for (int i = 0; i < texts.length; i++) {
                    em.persist(new Prompt(set, i + 1, Dimension.SAFETY, null, texts[i]));
                }
                for (int line = 8; line <= 12; line++) {
                    em.persist(new RejectedLine(set, line, "blank line"));
                }
                return set.getId();
            });
            DatasetStore.Duplicates d = db.inTransaction(em -> QueryTestDatabase.wire(new DatasetStore(), em)
                    .duplicates(id, 20));
            assertThat(d.repeatedLines()).isEqualTo(3); // line 3 and 6 repeat "a", line 5 repeats "b"
            assertThat(d.groups()).containsExactly(List.of(1, 3, 6), List.of(2, 5));
            List<List<Integer>> first = db.inTransaction(em -> QueryTestDatabase.wire(new DatasetStore(), em)
                    .duplicates(id, 1).groups());
            assertThat(first).containsExactly(List.of(1, 3, 6));
            List<Integer> page = db.inTransaction(em -> QueryTestDatabase.wire(new DatasetStore(), em)
                    .rejected(id, 1, 2).stream().map(RejectedLine::getLineNumber).toList());
            assertThat(page).containsExactly(10, 11);
            long rejected = db.inTransaction(em -> QueryTestDatabase.wire(new DatasetStore(), em).countRejected(id));
            assertThat(rejected).isEqualTo(5);
        }
    }

    /** An import that drops repeats, resumed: what was kept before is read back, and the repeats that follow dropped. */
    @Test
    void aResumedImportThatDropsRepeatsKnowsWhatItKeptAndCountsWhatItDropped() {
        try (QueryTestDatabase db = new QueryTestDatabase()) {
            long id = db.inTransaction(em -> {
                PromptSet set = new PromptSet("drops", 1, "2".repeat(64), "test", "drops.jsonl");
                set.repeatedPrompts(RepeatedPrompts.DROP);
                em.persist(set);
                em.persist(new Prompt(set, 1, Dimension.SAFETY, null, "a"));
                em.persist(new Prompt(set, 2, Dimension.FAIRNESS, null, "b"));
                return set.getId();
            });
            java.util.Map<String, Integer> kept = db.inTransaction(em -> QueryTestDatabase.wire(new DatasetStore(), em)
                    .firstLinesByText(id));
            assertThat(kept).containsOnly(java.util.Map.entry(org.flamesaudit.support.Sha256.of("a"), 1),
                    java.util.Map.entry(org.flamesaudit.support.Sha256.of("b"), 2));
            List<Object> chunk = List.of(accepted(3, "b"), accepted(4, "c"), new PromptLineParser.Result(5, null, "bad"),
                    accepted(6, "c"), accepted(7, "a"));
            List<Object> written = PromptSetItemWriter.dropRepeats(chunk, new java.util.HashMap<>(kept));
            assertThat(written).extracting(o -> ((PromptLineParser.Result) o).rejection()).containsExactly(
                    "repeats the prompt of line 2; dropped (repeatedPrompts: drop)", null, "bad",
                    "repeats the prompt of line 4; dropped (repeatedPrompts: drop)",
                    "repeats the prompt of line 1; dropped (repeatedPrompts: drop)");
            db.inTransaction(em -> {
                QueryTestDatabase.wire(new DatasetStore(), em).persistLines(id, written);
                return null;
            });
            long dropped = db.inTransaction(em -> QueryTestDatabase.wire(new DatasetStore(), em).countDroppedRepeats(id));
            assertThat(dropped).isEqualTo(3);
        }
    }

    private static PromptLineParser.Result accepted(long line, String text) {
        return new PromptLineParser.Result(line, new PromptLineParser.ParsedPrompt(Dimension.SAFETY, null, text), null);
    }
}
