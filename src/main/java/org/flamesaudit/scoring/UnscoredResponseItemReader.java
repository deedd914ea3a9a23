package org.flamesaudit.scoring;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads this partition's successful responses that have no verdict from the partition's scorer (one of the run's,
 * {@code scorerIndex}), in id order, from the lowest
 * id at every (re)start: scored items are excluded by the query, so restarts never score twice and skip none.
 */
@Named
@Dependent
public class UnscoredResponseItemReader extends AbstractItemReader {

    private static final int PAGE = 200;

    /** Required: id of the audit run. */
    @Inject @BatchProperty String runId;
    /** This partition's scorer: its position among the run's scorers, 0 (the primary) when not given. */
    @Inject @BatchProperty String scorerIndex;
    /** Required: this partition's index, 0-based. */
    @Inject @BatchProperty String partitionIndex;
    /** Required: number of partitions. */
    @Inject @BatchProperty String partitionCount;

    @Inject
    ScoringStore store;

    @Inject
    ScorerPanels panels;

    private String scorerKey;

    private final Deque<ScoringItem> page = new ArrayDeque<>();
    private long lastId;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        // The checkpoint is not used to skip ahead: JBeret's job repository may persist it apart from this chunk's
        // writes, so after a kill it could point past an item whose write was lost (a CrashPointsIT run under load
        // completed with 999 of 1000 answers). The query already leaves out what is done, so starting again from the
        // lowest id repeats nothing and skips nothing.
        lastId = 0L;
        scorerKey = panels.of(Long.parseLong(runId)).member(position(scorerIndex)).getScorerKey();
    }

    /** The scorer position a partition names ({@code scorerIndex}); 0 when it names none (a plan from before V20). */
    static int position(String scorerIndex) {
        return scorerIndex == null || scorerIndex.isBlank() ? 0 : Integer.parseInt(scorerIndex);
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            var next = store.unscored(Long.parseLong(runId), scorerKey, lastId, Integer.parseInt(partitionIndex),
                    Integer.parseInt(partitionCount), PAGE);
            page.addAll(next);
            exhausted = next.size() < PAGE;
        }
        ScoringItem item = page.poll();
        if (item != null) {
            lastId = item.responseId();
        }
        return item;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastId;
    }
}
