package org.flamesaudit.generation;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * Asks the model under test for each prompt of the chunk, one at a time, through the run's connector with retries,
 * and commits each answer in its own transaction as soon as it arrives ({@link GenerationStore#persistAlone}): a kill
 * mid-chunk repeats only the call that was in flight, and JBeret's checkpoint (an update of its job repository) is
 * written once per chunk instead of once per answer, which halves the commits of the generate step (BENCHMARKS.md,
 * whole-audit throughput). The score step works the same way ({@code ScoreItemWriter}).
 * <p>
 * A provider failure never throws: the final error is recorded as the prompt's outcome (a failed item), so one bad
 * prompt cannot fail the run. A halt ({@link RunHaltedException}) ends the chunk with the answers before it already
 * committed. When the run is being stopped, the chunk ends before its next call, and a call the stop cut short is not
 * recorded: those prompts wait for the restart.
 * The unique (run, prompt) constraint makes a duplicate answer impossible.
 */
@Named
@Dependent
public class ModelCallItemWriter extends AbstractItemWriter {

    /** Prompts per chunk (the job's {@code generateBatchSize}): one JBeret checkpoint per this many answers. */
    public static final int PROMPTS_PER_CHUNK = 16;

    /** Required: id of the audit run. */
    @Inject
    @BatchProperty
    String runId;

    @Inject
    TargetResources targets;

    @Inject
    GenerationStore store;

    @Inject
    JobContext job;

    @Override
    public void writeItems(List<Object> items) {
        long run = Long.parseLong(runId);
        TargetResources.Target target = targets.forRun(run);
        for (Object item : items) {
            if (target.isStopping() || job.getBatchStatus() == BatchStatus.STOPPING) {
                return;
            }
            PendingPrompt prompt = (PendingPrompt) item;
            GenerationOutcome outcome = target.retrying().call(() -> target.connector().generate(prompt.text()));
            if (outcome.outcome() == ItemOutcome.FAILED && target.isStopping()) {
                // a call cut short by the stop (RunService.stop aborts the calls in flight) is not the provider's
                // failure: recording it would make the prompt a failed item that the restart deletes after the
                // step had already read past it, so it would never be asked; unrecorded, the restarted step asks it
                return;
            }
            store.persistAlone(run, new PromptAnswer(prompt.promptId(), outcome));
        }
    }
}
