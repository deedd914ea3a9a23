package org.flamesaudit.dataset;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.logging.Logger;

/** Counts what the import stored and marks the set READY (or FAILED when no line was valid). */
@Named
@Dependent
public class ImportFinishBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(ImportFinishBatchlet.class.getName());

    /** Required: id of the prompt set being imported. */
    @Inject
    @BatchProperty
    String promptSetId;

    @Inject
    DatasetStore store;

    @Override
    public String process() {
        PromptSet set = store.finishImport(Long.parseLong(promptSetId));
        LOG.info(() -> "dataset " + set.getId() + " (" + set.getName() + " v" + set.getVersion() + ") "
                + set.getStatus() + ": " + set.getPromptCount() + " prompts, " + set.getRejectedCount() + " rejected");
        return set.getStatus().name();
    }
}
