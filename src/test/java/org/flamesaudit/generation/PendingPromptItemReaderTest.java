package org.flamesaudit.generation;

import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restart contract of the generate reader: its checkpoint is the last prompt id handed out, and after a restart it
 * asks only for prompts beyond it (and the store's query also drops answered ones), page by page.
 */
class PendingPromptItemReaderTest {

    /** A store over prompt ids 1..n of which some are answered; records the queries it receives. */
    static final class FakeStore extends GenerationStore {
        final List<Long> answered = new ArrayList<>();
        final List<String> queries = new ArrayList<>();
        final int n;

        FakeStore(int n) {
            this.n = n;
        }

        @Override
        public List<PendingPrompt> pending(long runId, long promptSetId, int maxLine, long after, int index,
                                           int count, int pageSize) {
            queries.add("after=" + after + " part=" + index + "/" + count);
            List<PendingPrompt> page = new ArrayList<>();
            for (long id = after + 1; id <= n && page.size() < pageSize; id++) {
                if (id % count == index && !answered.contains(id)) {
                    page.add(new PendingPrompt(id, "p" + id));
                }
            }
            return page;
        }
    }

    private static PendingPromptItemReader reader(FakeStore store, int index, int count) {
        PendingPromptItemReader r = new PendingPromptItemReader();
        r.runId = "1";
        r.promptSetId = "2";
        r.maxLine = "1000";
        r.partitionIndex = Integer.toString(index);
        r.partitionCount = Integer.toString(count);
        r.store = store;
        return r;
    }

    @Test
    void should_read_again_after_a_restart_a_prompt_whose_answer_was_lost_behind_the_checkpoint() {
        FakeStore store = new FakeStore(10);
        PendingPromptItemReader first = reader(store, 1, 3); // ids 1, 4, 7, 10
        first.open(null);
        assertThat(((PendingPrompt) first.readItem()).promptId()).isEqualTo(1);
        assertThat(((PendingPrompt) first.readItem()).promptId()).isEqualTo(4);
        Serializable checkpoint = first.checkpointInfo();
        // prompt 1's answer was committed; prompt 4's was lost with the killed JVM, its checkpoint kept
        store.answered.add(1L);

        PendingPromptItemReader second = reader(store, 1, 3);
        second.open(checkpoint);
        assertThat(((PendingPrompt) second.readItem()).promptId()).isEqualTo(4);
        assertThat(((PendingPrompt) second.readItem()).promptId()).isEqualTo(7);
        assertThat(((PendingPrompt) second.readItem()).promptId()).isEqualTo(10);
        assertThat(second.readItem()).isNull();
        assertThat(store.queries).last().isEqualTo("after=0 part=1/3");
    }

    @Test
    void should_page_through_more_than_one_page_without_losing_or_repeating_a_prompt() {
        FakeStore store = new FakeStore(250);
        PendingPromptItemReader r = reader(store, 0, 1);
        r.open(null);
        List<Long> ids = new ArrayList<>();
        PendingPrompt p;
        while ((p = (PendingPrompt) r.readItem()) != null) {
            ids.add(p.promptId());
        }
        assertThat(ids).hasSize(250).doesNotHaveDuplicates().startsWith(1L).endsWith(250L);
        assertThat(store.queries).containsExactly("after=0 part=0/1", "after=100 part=0/1", "after=200 part=0/1");
    }
}
