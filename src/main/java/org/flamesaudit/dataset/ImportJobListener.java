package org.flamesaudit.dataset;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Marks the prompt set FAILED when its import job fails, so the API never shows a set stuck in IMPORTING. */
@Named
@Dependent
public class ImportJobListener extends AbstractJobListener {

    /** Required: id of the prompt set being imported. */
    @Inject
    @BatchProperty
    String promptSetId;

    @Inject
    JobContext jobContext;

    @Inject
    DatasetStore store;

    @Override
    public void afterJob() {
        if (jobContext.getBatchStatus() == BatchStatus.FAILED) {
            String exit = jobContext.getExitStatus();
            store.markFailed(Long.parseLong(promptSetId), "import job failed" + (exit == null ? "" : ": " + exit));
        }
    }
}
