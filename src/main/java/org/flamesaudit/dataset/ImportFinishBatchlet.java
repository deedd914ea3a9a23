package org.flamesaudit.dataset;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;

/** Counts what the import stored and marks the set READY (or FAILED when no line was valid). */
@Named
@Dependent
public class ImportFinishBatchlet extends AbstractBatchlet {

    private static final DatasetLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), DatasetLogger.class,
            ImportFinishBatchlet.class.getName());

    /** Required: id of the prompt set being imported. */
    @Inject
    @BatchProperty
    String promptSetId;

    @Inject
    DatasetStore store;

    @Override
    public String process() {
        PromptSet set = store.finishImport(Long.parseLong(promptSetId));
        LOG.importFinished(set.getId(), set.getName(), set.getVersion(), set.getStatus(), set.getPromptCount(),
                set.getRejectedCount());
        return set.getStatus().name();
    }
}
