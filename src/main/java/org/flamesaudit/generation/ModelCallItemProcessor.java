package org.flamesaudit.generation;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Calls the model under test for one prompt through the run's connector, with retries. Never throws for a provider
 * failure: the final error is recorded as the prompt's outcome (a failed item), so one bad prompt cannot fail the run.
 */
@Named
@Dependent
public class ModelCallItemProcessor implements ItemProcessor {

    /** Required: id of the audit run. */
    @Inject
    @BatchProperty
    String runId;

    @Inject
    TargetResources targets;

    @Override
    public Object processItem(Object item) {
        PendingPrompt prompt = (PendingPrompt) item;
        TargetResources.Target r = targets.forRun(Long.parseLong(runId));
        GenerationOutcome outcome = r.retrying().call(() -> r.connector().generate(prompt.text()));
        return new PromptAnswer(prompt.promptId(), outcome);
    }
}
