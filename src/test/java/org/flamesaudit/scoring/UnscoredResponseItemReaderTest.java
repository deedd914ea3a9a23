package org.flamesaudit.scoring;

import org.flamesaudit.audit.AuditRun;
import org.flamesaudit.audit.RunStore;
import org.flamesaudit.dataset.Dimension;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Restart contract of the score reader: read two, checkpoint, rebuild, expect the third; the run's scorer key is used. */
class UnscoredResponseItemReaderTest {

    @Test
    void should_read_the_third_response_after_restart_and_ask_for_the_runs_scorer_key() {
        List<String> keys = new ArrayList<>();
        ScoringStore store = new ScoringStore() {
            @Override
            public List<ScoringItem> unscored(long runId, String scorerKey, long after, int index, int count, int size) {
                keys.add(scorerKey);
                List<ScoringItem> page = new ArrayList<>();
                for (long id = after + 1; id <= 5 && page.size() < size; id++) {
                    page.add(new ScoringItem(id, Dimension.LEGALITY, null, "p" + id, "r" + id));
                }
                return page;
            }
        };
        RunStore runs = new RunStore() {
            @Override
            public AuditRun require(long id) {
                return new AuditRun(null, "{}", "{}", "llm-judge:j@http://x", 8, null, 5);
            }
        };
        UnscoredResponseItemReader first = reader(store, runs);
        first.open(null);
        assertThat(((ScoringItem) first.readItem()).responseId()).isEqualTo(1);
        assertThat(((ScoringItem) first.readItem()).responseId()).isEqualTo(2);
        Serializable checkpoint = first.checkpointInfo();

        UnscoredResponseItemReader second = reader(store, runs);
        second.open(checkpoint);
        assertThat(((ScoringItem) second.readItem()).responseId()).isEqualTo(3);
        assertThat(keys).containsOnly("llm-judge:j@http://x");
    }

    private static UnscoredResponseItemReader reader(ScoringStore store, RunStore runs) {
        UnscoredResponseItemReader r = new UnscoredResponseItemReader();
        r.runId = "1";
        r.partitionIndex = "0";
        r.partitionCount = "1";
        r.store = store;
        r.runs = runs;
        return r;
    }
}
