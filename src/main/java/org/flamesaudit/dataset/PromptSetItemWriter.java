package org.flamesaudit.dataset;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** Persists a chunk of accepted prompts and rejected lines in the chunk's transaction. */
@Named
@Dependent
public class PromptSetItemWriter extends AbstractItemWriter {

    /** Required: id of the prompt set being imported. */
    @Inject
    @BatchProperty
    String promptSetId;

    @Inject
    DatasetStore store;

    @Override
    public void writeItems(List<Object> items) {
        store.persistLines(Long.parseLong(promptSetId), items);
    }
}
