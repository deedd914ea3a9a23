package org.flamesaudit.scoring;

import org.flamesaudit.dataset.Dimension;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restart contract of the score reader: read two, checkpoint, rebuild, expect the third; each page asks for the
 * answers after the last one read, in this partition, without a verdict of the partition's scorer (which answers
 * those are is the store's query, tested in RunItemQueriesTest).
 */
class UnscoredResponseItemReaderTest {

    @Test
    void should_read_again_after_a_restart_a_response_whose_score_was_lost_behind_the_checkpoint() {
        List<String> asked = new ArrayList<>();
        java.util.Set<Long> scored = new java.util.HashSet<>();
        ScoringStore store = new ScoringStore() {
            @Override
            public List<ScoringItem> unscored(long runId, String scorerKey, long after, int index, int count,
                                              int size) {
                asked.add(runId + ":" + scorerKey + ":" + after + ":" + index + "/" + count);
                List<ScoringItem> page = new ArrayList<>();
                for (long id = after + 1; id <= 5 && page.size() < size; id++) {
                    if (!scored.contains(id)) {
                        page.add(new ScoringItem(id, Dimension.LEGALITY, null, "p" + id, "r" + id));
                    }
                }
                return page;
            }
        };
        UnscoredResponseItemReader first = reader(store);
        first.open(null);
        assertThat(((ScoringItem) first.readItem()).responseId()).isEqualTo(1);
        assertThat(((ScoringItem) first.readItem()).responseId()).isEqualTo(2);
        Serializable checkpoint = first.checkpointInfo();
        scored.add(1L); // response 2's score was lost with the killed JVM, its checkpoint kept

        UnscoredResponseItemReader second = reader(store);
        second.open(checkpoint);
        assertThat(((ScoringItem) second.readItem()).responseId()).isEqualTo(2);
        assertThat(((ScoringItem) second.readItem()).responseId()).isEqualTo(3);
        assertThat(asked).containsExactly("1:judge-b:0:0/1", "1:judge-b:0:0/1");
    }

    private static UnscoredResponseItemReader reader(ScoringStore store) {
        UnscoredResponseItemReader r = new UnscoredResponseItemReader();
        r.runId = "1";
        r.partitionIndex = "0";
        r.partitionCount = "1";
        r.scorerIndex = "1"; // the run's second scorer: the store is asked for answers without its verdict
        r.store = store;
        r.panels = new ScorerPanels() {
            @Override
            public Panel of(long runId) {
                return new Panel(DecisionRule.MAJORITY, List.of(new RunScorerMember(runId, 0, "judge-a", "{}"),
                        new RunScorerMember(runId, 1, "judge-b", "{}")), "majority(judge-a | judge-b)");
            }
        };
        return r;
    }
}
