package org.flamesaudit.generation;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads this partition's prompts that have no response yet, a page at a time in id order. Every (re)start reads
 * from the lowest id: the query excludes answered prompts, so a restart after a crash neither repeats nor skips one.
 */
@Named
@Dependent
public class PendingPromptItemReader extends AbstractItemReader {

    private static final int PAGE = 100;

    /** Required: id of the audit run. */
    @Inject @BatchProperty String runId;
    /** Required: id of the run's prompt set. */
    @Inject @BatchProperty String promptSetId;
    /** Required: highest prompt line in the run's scope. */
    @Inject @BatchProperty String maxLine;
    /** Required: this partition's index, 0-based. */
    @Inject @BatchProperty String partitionIndex;
    /** Required: number of partitions. */
    @Inject @BatchProperty String partitionCount;

    @Inject
    GenerationStore store;

    private final Deque<PendingPrompt> page = new ArrayDeque<>();
    private long lastId;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        // The checkpoint is not used to skip ahead: JBeret's job repository may persist it apart from this chunk's
        // writes, so after a kill it could point past an item whose write was lost (a CrashPointsIT run under load
        // completed with 999 of 1000 answers). The query already leaves out what is done, so starting again from the
        // lowest id repeats nothing and skips nothing.
        lastId = 0L;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            long after = lastId;
            var next = store.pending(Long.parseLong(runId), Long.parseLong(promptSetId), Integer.parseInt(maxLine),
                    after, Integer.parseInt(partitionIndex), Integer.parseInt(partitionCount), PAGE);
            page.addAll(next);
            exhausted = next.size() < PAGE;
        }
        PendingPrompt p = page.poll();
        if (p != null) {
            lastId = p.promptId();
        }
        return p;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastId;
    }
}
